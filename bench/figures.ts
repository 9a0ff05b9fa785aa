/**
 * The figures a benchmark reports to bench/run.ts: each one a measured value
 * beside its baseline from the same run, the ratio, and the goal the issue set.
 * A bench calls `reportFigures` once at the end; it prints the table and writes
 * reports/bench/<bench>.figures.json, which the runner gathers into one table.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Figure {
  /** What was measured, e.g. "stored messages/s (SQLite)". */
  figure: string;
  /** What it is compared with, e.g. "bare socket.io relay". */
  baseline: string;
  value: number;
  baselineValue: number;
  /** value / baselineValue (or baselineValue / value for "higher is better" figures: see `better`). */
  ratio: number;
  unit: string;
  /** The goal as a ratio, e.g. 0.5 means "at least 0.5x" when better is 'higher'. */
  goal: number;
  /** Which way is better for the ratio: 'higher' (throughput) or 'lower' (latency, memory). */
  better: 'higher' | 'lower';
  met: boolean;
}

export type FigureInput = Omit<Figure, 'ratio' | 'met'>;

/** Builds a figure: ratio = value / baselineValue, met against the goal in the figure's direction. */
export function figure(input: FigureInput): Figure {
  const ratio = input.value / input.baselineValue;
  const met = Number.isFinite(ratio) && (input.better === 'higher' ? ratio >= input.goal : ratio <= input.goal);
  return { ...input, ratio, met };
}

export const REPORT_DIR = 'reports/bench';

export function figuresFile(bench: string): string {
  return join(REPORT_DIR, `${bench}.figures.json`);
}

/** Prints the figures as a table and writes them for bench/run.ts. */
export function reportFigures(bench: string, figures: readonly Figure[]): void {
  mkdirSync(REPORT_DIR, { recursive: true });
  writeFileSync(figuresFile(bench), JSON.stringify({ bench, at: new Date().toISOString(), figures }, null, 2));
  console.log(formatFigures(figures.map((item) => ({ bench, ...item }))));
}

export function formatFigures(rows: ReadonlyArray<Figure & { bench: string }>): string {
  const header = ['bench', 'figure', 'value', 'baseline', 'ratio', 'goal', 'met'];
  const number = (value: number, unit: string) =>
    `${Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3)} ${unit}`.trim();
  const table = rows.map((row) => [
    row.bench,
    row.figure,
    number(row.value, row.unit),
    `${number(row.baselineValue, row.unit)} (${row.baseline})`,
    `${row.ratio.toFixed(2)}x`,
    `${row.better === 'higher' ? '>=' : '<='} ${row.goal}x`,
    row.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...table.map((line) => line[column]?.length ?? 0)),
  );
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ');
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...table.map(line)].join('\n');
}
