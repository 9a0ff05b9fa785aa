import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const LISTENING = /Deskbell is listening on (http:\/\/\S+)/;
const START_TIMEOUT_MS = 20_000;

export interface MainRun {
  child: ChildProcess;
  /** Everything printed so far, stdout and stderr together. */
  output(): string;
  stdout(): string;
  stderr(): string;
  /** Resolves with the URL from "Deskbell is listening on ..."; rejects if the process exits first. */
  listening(): Promise<string>;
  exited(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Runs `server/main.ts` as its own process, the way `npm run serve` does,
 * with exactly the environment given (plus PATH and HOME), so no DATABASE_URL
 * or PORT leaks in from the test runner.
 */
export function runMain(args: readonly string[], env: Record<string, string> = {}): MainRun {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );

  return {
    child,
    output: () => stdout + stderr,
    stdout: () => stdout,
    stderr: () => stderr,
    exited: () => exit,
    listening: () =>
      new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`main.ts did not start listening:\n${stdout}${stderr}`)),
          START_TIMEOUT_MS,
        );
        const check = () => {
          const match = LISTENING.exec(stdout);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        };
        child.stdout?.on('data', check);
        check();
        void exit.then(({ code }) => {
          clearTimeout(timer);
          reject(new Error(`main.ts exited (${String(code)}) before listening:\n${stdout}${stderr}`));
        });
      }),
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exit;
    },
  };
}
