/**
 * bench/run: every benchmark of issue 10's goals, one after the other, and one
 * table of their figures (figure, value, baseline from the same run, ratio,
 * goal, met), so the next change can be compared with one command.
 *
 *   npx tsx bench/run.ts [--only name,name] [--skip name,name]
 *
 * Each bench runs as its own process (a crash in one does not stop the rest)
 * and writes reports/bench/<name>.figures.json (bench/figures.ts); the
 * table is printed at the end and saved as reports/bench/summary.txt. The
 * browser benches need `npm run build` first. Takes about 15 minutes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type Figure, figuresFile, formatFigures, REPORT_DIR } from './figures';

/** The benches and the arguments they run with here. */
const BENCHES: ReadonlyArray<{ name: string; args: string[] }> = [
  // 16 sends in flight per patron (both sides alike): enough to saturate the server, which is what throughput means.
  { name: 'message-throughput', args: ['--rounds', '3', '--window', '16'] },
  { name: 'alert-latency', args: ['--rounds', '3'] },
  { name: 'claim-cost', args: [] },
  { name: 'idle-sockets', args: [] },
  { name: 'console-open', args: [] },
  { name: 'console-day', args: [] },
  { name: 'report-queries', args: [] },
];

const { values } = parseArgs({ options: { only: { type: 'string' }, skip: { type: 'string' } } });
const names = (text: string | undefined) => new Set((text ?? '').split(',').filter(Boolean));
const only = names(values.only);
const skip = names(values.skip);
for (const name of [...only, ...skip]) {
  if (!BENCHES.some((bench) => bench.name === name)) {
    console.error(`bench/run: there is no bench "${name}"; the benches are ${BENCHES.map((b) => b.name).join(', ')}`);
    process.exit(2);
  }
}

const rows: Array<Figure & { bench: string }> = [];
const failed: string[] = [];
for (const bench of BENCHES) {
  if ((only.size > 0 && !only.has(bench.name)) || skip.has(bench.name)) continue;
  const file = figuresFile(bench.name);
  rmSync(file, { force: true });
  console.log(`\n=== ${bench.name} ${bench.args.join(' ')}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', `bench/${bench.name}.ts`, ...bench.args], {
    stdio: 'inherit',
  });
  if (run.status !== 0 || !existsSync(file)) {
    failed.push(`${bench.name} (exit ${run.status ?? run.signal})`);
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8')) as { figures: Figure[] };
  rows.push(...report.figures.map((item) => ({ bench: bench.name, ...item })));
}

const table = formatFigures(rows);
const summary = [
  table,
  failed.length > 0 ? `\nbenches that did not report: ${failed.join(', ')}` : '',
  `\n${rows.filter((row) => row.met).length} of ${rows.length} figures meet their goal`,
].join('');
console.log(`\n${summary}`);
writeFileSync(`${REPORT_DIR}/summary.txt`, `${summary}\n`);
process.exit(failed.length > 0 ? 1 : 0);
