/**
 * A preload for benchmarks only (never loaded by the server itself): started
 * with `node --expose-gc --import ./bench/heap-probe.mjs SCRIPT`, the process
 * answers SIGUSR2 by collecting garbage and printing `heap-used BYTES` on
 * stdout, so a bench can read the server's live heap with no hook in
 * production code. Plain JavaScript: it loads before tsx is registered.
 */
process.on('SIGUSR2', () => {
  const collect = globalThis.gc;
  if (typeof collect === 'function') {
    // Twice: the first pass may leave weakly held objects for the second.
    collect();
    collect();
  }
  process.stdout.write(`heap-used ${process.memoryUsage().heapUsed}\n`);
});
