import type { Logger } from '../../electron/main/logger';

export interface LogEntry {
  level: 'info' | 'warn' | 'error';
  message: string;
  details: unknown;
}

/** A Logger that remembers what was logged, so tests can see a refusal was reported. */
export class RecordingLogger implements Logger {
  readonly entries: LogEntry[] = [];

  info(message: string, details?: unknown): void {
    this.entries.push({ level: 'info', message, details });
  }

  warn(message: string, details?: unknown): void {
    this.entries.push({ level: 'warn', message, details });
  }

  error(message: string, details?: unknown): void {
    this.entries.push({ level: 'error', message, details });
  }

  messages(level?: LogEntry['level']): string[] {
    return this.entries.filter((entry) => !level || entry.level === level).map((entry) => entry.message);
  }
}
