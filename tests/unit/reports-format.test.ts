import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysIn,
  QUICK_PICKS,
  quickPickOf,
  quickRange,
  rangeProblem,
  todayIn,
} from '../../renderer/features/reports/report-dates';
import {
  barsSummary,
  distributionWords,
  formatDateTimeIn,
  formatDay,
  formatDuration,
  formatMonth,
  formatPercent,
  formatRange,
  formatWeek,
  heatmapGrid,
  heatmapSummary,
  hourSpan,
  isStaffingGap,
} from '../../renderer/features/reports/report-format';

describe('durations and numbers as a librarian reads them', () => {
  it('says a duration in seconds, minutes, hours and days', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(80_000)).toBe('1 min 20 s');
    expect(formatDuration(120_000)).toBe('2 min');
    expect(formatDuration(2 * 3_600_000 + 5 * 60_000)).toBe('2 h 5 min');
    expect(formatDuration(3_600_000)).toBe('1 h');
    expect(formatDuration(40 * 3_600_000)).toBe('40 h');
    expect(formatDuration(null)).toBe('–');
  });

  it('writes the median and 90th percentile out in words', () => {
    expect(distributionWords({ count: 120, medianMs: 80_000, p90Ms: 240_000, buckets: [] })).toBe(
      'median 1 min 20 s, 90th percentile 4 min (over 120 chats)',
    );
    expect(distributionWords({ count: 0, medianMs: null, p90Ms: null, buckets: [] })).toBe(
      'No chats to measure in this range',
    );
  });

  it('gives shares as whole percentages and nothing for an empty range', () => {
    expect(formatPercent(1, 3)).toBe('33%');
    expect(formatPercent(0, 0)).toBe('–');
  });

  it('names days, weeks and months by the local day itself, whatever the browser’s zone', () => {
    expect(formatDay('2026-01-05')).toBe('Mon 5 Jan 2026');
    expect(formatWeek('2026-01-05')).toBe('Week of 5 Jan 2026');
    expect(formatMonth('2026-03')).toBe('March 2026');
    expect(formatRange({ from: '2026-01-01', to: '2026-12-31' })).toBe('1 Jan 2026 to 31 Dec 2026');
    expect(hourSpan(23)).toBe('23:00–00:00');
    // 14:00 UTC is 09:00 in New York in December.
    expect(formatDateTimeIn(Date.UTC(2026, 11, 3, 14, 0), 'America/New_York')).toBe('3 Dec 2026, 09:00');
  });
});

describe('the heatmap of arrivals beside the staffed hours', () => {
  it('fills the 7 x 24 grid, Monday first, counting missing cells as zero', () => {
    const grid = heatmapGrid([{ weekday: 2, hour: 10, chats: 4, staffedShare: 1 }]);
    expect(grid).toHaveLength(7);
    expect(grid.every((row) => row.length === 24)).toBe(true);
    expect(grid[1]![10]).toEqual({ weekday: 2, hour: 10, chats: 4, staffedShare: 1 });
    expect(grid[0]![0]).toEqual({ weekday: 1, hour: 0, chats: 0, staffedShare: 0 });
  });

  it('marks hours where chats arrived while nobody was Online most of the time', () => {
    expect(isStaffingGap({ weekday: 1, hour: 9, chats: 3, staffedShare: 0 })).toBe(true);
    expect(isStaffingGap({ weekday: 1, hour: 9, chats: 3, staffedShare: 0.25 })).toBe(true);
    expect(isStaffingGap({ weekday: 1, hour: 9, chats: 3, staffedShare: 0.75 })).toBe(false);
    // No chats, no gap to staff, however dark the hour.
    expect(isStaffingGap({ weekday: 1, hour: 3, chats: 0, staffedShare: 0 })).toBe(false);
  });

  it('tells a screen reader the busiest hour and how many hours were unstaffed', () => {
    const words = heatmapSummary([
      { weekday: 2, hour: 10, chats: 12, staffedShare: 1 },
      { weekday: 6, hour: 20, chats: 3, staffedShare: 0 },
    ]);
    expect(words).toContain('15 chats');
    expect(words).toContain('busiest Tuesday 10:00–11:00 with 12 chats');
    expect(words).toContain('1 hour with chats while nobody was Online');
    expect(heatmapSummary([])).toContain('no chats in this range');
  });

  it('sums up a bar chart by its largest bars', () => {
    expect(
      barsSummary('Question types', [
        { label: 'Directions', chats: 2 },
        { label: 'Research', chats: 9 },
        { label: 'Catalog', chats: 0 },
      ]),
    ).toBe('Question types: 11 chats in 3 bars; largest Research 9, Directions 2. The table has every bar.');
  });
});

describe('report ranges in the library’s days', () => {
  it('takes today from the library’s time zone, not the browser’s', () => {
    // 03:00 UTC on 1 March is still 28 February in New York.
    const instant = Date.UTC(2026, 2, 1, 3, 0);
    expect(todayIn('America/New_York', instant)).toBe('2026-02-28');
    expect(todayIn('Europe/London', instant)).toBe('2026-03-01');
    expect(todayIn('Not/A_Zone', instant)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('counts days on the calendar, across a daylight-saving change', () => {
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(daysIn({ from: '2026-03-01', to: '2026-03-31' })).toBe(31);
    expect(daysIn({ from: '2024-01-01', to: '2024-12-31' })).toBe(366);
  });

  it('gives each quick pick its days, ending today', () => {
    const today = '2026-01-15';
    expect(quickRange('last-7-days', today)).toEqual({ from: '2026-01-09', to: today });
    expect(quickRange('last-30-days', today)).toEqual({ from: '2025-12-17', to: today });
    expect(quickRange('this-month', today)).toEqual({ from: '2026-01-01', to: today });
    expect(quickRange('last-month', today)).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(quickRange('this-year', today)).toEqual({ from: '2026-01-01', to: today });
    expect(quickRange('last-12-months', today)).toEqual({ from: '2025-01-16', to: today });
    // In December too, the last 12 months are not this year.
    expect(quickRange('last-12-months', '2026-12-03')).toEqual({ from: '2025-12-04', to: '2026-12-03' });
    expect(quickRange('last-12-months', '2024-02-29')).toEqual({ from: '2023-03-01', to: '2024-02-29' });
    expect(quickRange('last-month', '2024-03-10')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    for (const { pick } of QUICK_PICKS) expect(daysIn(quickRange(pick, '2026-12-31'))).toBeLessThanOrEqual(400);
  });

  it('knows which quick pick a range is', () => {
    expect(quickPickOf({ from: '2026-01-01', to: '2026-01-15' }, '2026-01-15')).toBe('this-month');
    expect(quickPickOf({ from: '2026-01-02', to: '2026-01-15' }, '2026-01-15')).toBeNull();
  });

  it('says what is wrong with a range before asking', () => {
    expect(rangeProblem({ from: '2026-02-01', to: '2026-01-01' }, 400)).toBe(
      'The last day (To) is before the first day (From).',
    );
    expect(rangeProblem({ from: '2024-01-01', to: '2026-01-01' }, 400)).toBe(
      'A report covers at most 400 days: choose a shorter range.',
    );
    expect(rangeProblem({ from: '', to: '2026-01-01' }, 400)).toBe('Choose the first day (From).');
    expect(rangeProblem({ from: '2026-01-01', to: '2026-01-31' }, 400)).toBeNull();
  });
});
