/**
 * A Deskbell server child process for drills that kill it, restart it, and
 * watch how it ends: any checkout's server/main.ts (`root`), its own working
 * directory, every line of stdout and stderr kept, and its exit reported.
 * bench/spawn-server.ts is the simpler helper for benchmarks that only start
 * and stop a server once.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** The ports this machine's own services use: never touched by a bench. */
const RESERVED_PORTS = new Set([5432, 6379, 8080]);

/** A free TCP port on 127.0.0.1 (asked from the kernel, then released). */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await new Promise<number>((resolve, reject) => {
      const probe = createServer();
      probe.once('error', reject);
      probe.listen(0, '127.0.0.1', () => {
        const address = probe.address();
        const found = typeof address === 'object' && address ? address.port : 0;
        probe.close(() => resolve(found));
      });
    });
    if (port > 0 && !RESERVED_PORTS.has(port)) return port;
  }
  throw new Error('no free port found on 127.0.0.1');
}

/** The checkout's commit, with "+dirty" when its working tree has changes. */
export function commitOf(root: string): string {
  try {
    const head = execFileSync('git', ['-C', root, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['-C', root, 'status', '--porcelain', '--untracked-files=no'], {
      encoding: 'utf8',
    }).trim();
    return dirty === '' ? head : `${head}+dirty`;
  } catch {
    return 'unknown';
  }
}

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** True when the bench killed it (kill9 or stop); false means it died by itself. */
  expected: boolean;
  /** The last lines it wrote (stdout and stderr), newest last. */
  tail: string[];
}

export interface ChildServerOptions {
  /** The checkout whose server/main.ts runs; also the child's working directory. */
  root: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  /** How long to wait for "Deskbell is listening on". */
  startTimeoutMs?: number;
  /** Every line the child writes, as it comes. */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  /** Called once when the child exits after it was ready. */
  onExit?: (exit: ChildExit) => void;
}

export interface ChildServer {
  url: string;
  process: ChildProcess;
  /** SIGKILL, as a power cut would; resolves once it is gone. */
  kill9(): Promise<void>;
  /** SIGTERM, then SIGKILL after 5 s. */
  stop(): Promise<void>;
}

const TAIL_LINES = 60;

/** Every child started here and not yet gone, so an exit path can kill one that is still starting. */
const liveChildren = new Set<ChildProcess>();

/** SIGKILLs every server child still running (for cleanup on the way out). */
export function killChildren(): void {
  for (const child of liveChildren) child.kill('SIGKILL');
}

/** Starts `node --import tsx ROOT/server/main.ts ARGS` and resolves once it listens. */
export function startChildServer(options: ChildServerOptions): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(options.root, 'server/main.ts'), ...options.args], {
    cwd: options.root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env },
  });
  liveChildren.add(child);
  child.once('exit', () => liveChildren.delete(child));
  const tail: string[] = [];
  let expected = false;
  let ready = false;
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      expected = true;
      child.kill('SIGKILL');
      reject(new Error(`server did not start in ${options.startTimeoutMs ?? 60_000} ms:\n${tail.join('\n')}`));
    }, options.startTimeoutMs ?? 60_000);

    const lineReader = (stream: 'stdout' | 'stderr') => {
      let partial = '';
      return (chunk: Buffer) => {
        partial += chunk.toString();
        const lines = partial.split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) {
          tail.push(line);
          if (tail.length > TAIL_LINES) tail.shift();
          options.onLine?.(line, stream);
          const match = /Deskbell is listening on (http:\/\/\S+)/.exec(line);
          if (match?.[1] && !ready) {
            ready = true;
            clearTimeout(timer);
            resolve({
              url: match[1],
              process: child,
              kill9: async () => {
                expected = true;
                if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
                await exited;
              },
              stop: async () => {
                expected = true;
                if (child.exitCode === null && child.signalCode === null) {
                  child.kill('SIGTERM');
                  setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
                }
                await exited;
              },
            });
          }
        }
      };
    };
    child.stdout.on('data', lineReader('stdout'));
    child.stderr.on('data', lineReader('stderr'));
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (!ready) {
        reject(new Error(`server exited with ${code ?? signal} before it listened:\n${tail.join('\n')}`));
        return;
      }
      options.onExit?.({ code, signal, expected, tail: [...tail] });
    });
  });
}
