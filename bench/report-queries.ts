/**
 * Report queries on a seeded year (issue 14):
 *
 *   npx tsx bench/report-queries.ts [--chats 20000] [--database sqlite|postgres|both] [--runs 7]
 *
 * Seeds `--chats` chats over a year with scripts/seed-reports.ts (a child process) on a fresh SQLite
 * file and a throwaway PostgreSQL, then, on each: the median time of each report query for the whole
 * year beside a plain `SELECT count(*) FROM chats` in the same run (the ratio is the figure), the
 * query plans of the per-day series and the heatmap (they must read chat_stats by its index, never
 * messages), and the chats CSV with transcripts, streamed in a process of its own with a 48 MiB
 * heap (bench/report-export-child.ts): the year's peak RSS beside a month's.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { DateTime } from 'luxon';
import { libraryTimeZone } from '../server/departments/library-time-zone';
import { createRepositories } from '../server/repositories';
import type { ReportScope } from '../server/reports/report-repository';
import { openStorage } from '../server/storage/database';
import { freePort } from './child-server';
import { type Figure, figure, reportFigures } from './figures';

const { values } = parseArgs({
  options: {
    chats: { type: 'string', default: '20000' },
    database: { type: 'string', default: 'both' },
    runs: { type: 'string', default: '7' },
  },
});
const databases = values.database === 'both' ? ['sqlite', 'postgres'] : [String(values.database)];
const RUNS = Number(values.runs);

const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)] ?? 0;
async function timed(run: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  await run(); // warm
  for (let index = 0; index < RUNS; index += 1) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

function seed(target: string[]): void {
  execFileSync('npx', ['tsx', 'scripts/seed-reports.ts', ...target, '--chats', String(values.chats)], {
    stdio: 'inherit',
  });
}

const root = mkdtempSync(join(tmpdir(), 'deskbell-report-bench-'));
const pgDir = `/tmp/deskbell-report-bench-pg-${process.pid}`;
const figures: Figure[] = [];
try {
  for (const database of databases) {
    let databaseUrl: string | undefined;
    if (database === 'postgres') {
      databaseUrl = execFileSync('bash', ['scripts/throwaway-postgres.sh', 'start', pgDir, String(await freePort())], {
        encoding: 'utf8',
      }).trim();
      seed(['--database-url', databaseUrl]);
    } else {
      seed(['--data-dir', join(root, 'sqlite')]);
    }
    const storage = openStorage({ databaseUrl, dataDir: join(root, 'sqlite') });
    const repos = createRepositories(storage.db);
    const timeZone = await libraryTimeZone(repos.departments);
    const today = DateTime.now().setZone(timeZone);
    const year: ReportScope = {
      from: today.minus({ days: 365 }).toISODate() ?? '',
      to: today.toISODate() ?? '',
      departmentId: null,
      timeZone,
    };
    const month: ReportScope = { ...year, from: today.minus({ days: 30 }).toISODate() ?? '' };

    const baseline = await timed(() =>
      storage.db
        .selectFrom('chats')
        .select(sql`count(*)`.as('n'))
        .execute(),
    );
    const measured: Array<[string, () => Promise<unknown>]> = [
      ['per-day series (year)', () => repos.reports.perDayQuery(year).execute()],
      ['heatmap (year)', () => repos.reports.heatmapQuery(year).execute()],
      ['whole Reports page (year)', () => repos.reports.summary(year)],
      ['chats behind a heatmap cell', () => repos.reports.chats(year, { weekday: 2, hour: 11 }, 1)],
    ];
    for (const [name, run] of measured) {
      const value = await timed(run);
      figures.push(
        figure({
          figure: `${name} (${database})`,
          baseline: 'count(*) of chats',
          value,
          baselineValue: baseline,
          unit: 'ms',
          // The issue sets no goal for these: they are reported as ratios to a plain count.
          goal: Number.POSITIVE_INFINITY,
          better: 'lower',
        }),
      );
    }

    for (const [name, query] of [
      ['per-day', repos.reports.perDayQuery(year)],
      ['heatmap', repos.reports.heatmapQuery(year)],
    ] as const) {
      const compiled = query.compile();
      const explain = database === 'postgres' ? 'EXPLAIN ' : 'EXPLAIN QUERY PLAN ';
      const plan = await storage.db.executeQuery({ ...compiled, sql: `${explain}${compiled.sql}` });
      const lines = plan.rows.map((row) => Object.values(row as Record<string, unknown>).join(' '));
      console.log(`\n${database} plan of the ${name} query:\n  ${lines.join('\n  ')}`);
      if (lines.some((line) => /messages/.test(line))) throw new Error(`${name} reads the messages table`);
    }

    // The export runs in a process of its own with a 48 MiB heap: streamed, a year needs no more than a month.
    const target = databaseUrl ?? join(root, 'sqlite');
    const exportOf = (scope: ReportScope) =>
      JSON.parse(
        execFileSync(
          process.execPath,
          ['--max-old-space-size=48', '--import', 'tsx', 'bench/report-export-child.ts', target, scope.from, scope.to],
          { encoding: 'utf8' },
        ),
      ) as { peakRssMb: number; sizeMb: number; ms: number };
    const monthExport = exportOf(month);
    const yearExport = exportOf(year);
    console.log(
      `\n${database} chats CSV with transcripts (48 MiB heap): a month ${monthExport.sizeMb.toFixed(1)} MiB, ` +
        `peak RSS ${monthExport.peakRssMb.toFixed(0)} MiB; the year ${yearExport.sizeMb.toFixed(1)} MiB in ` +
        `${(yearExport.ms / 1000).toFixed(1)} s, peak RSS ${yearExport.peakRssMb.toFixed(0)} MiB`,
    );
    figures.push(
      figure({
        figure: `peak RSS of the year's chats CSV with transcripts (${database})`,
        baseline: "a month's export",
        value: yearExport.peakRssMb,
        baselineValue: monthExport.peakRssMb,
        unit: 'MiB',
        goal: 1.25,
        better: 'lower',
      }),
    );
    await storage.close();
  }
  reportFigures('report-queries', figures);
} finally {
  if (databases.includes('postgres')) {
    try {
      execFileSync('bash', ['scripts/throwaway-postgres.sh', 'stop', pgDir], { stdio: 'ignore' });
    } catch {
      // already gone
    }
  }
  rmSync(root, { recursive: true, force: true });
}
