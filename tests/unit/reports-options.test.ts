import { describe, expect, it } from 'vitest';
import {
  arrivalsHeatmapOption,
  GAP_STYLE,
  seriesOption,
  staffingHeatmapOption,
} from '../../renderer/features/reports/report-options';

interface HeatmapItem {
  value: number[];
  itemStyle?: unknown;
}

describe('what the Reports charts draw', () => {
  it('outlines and hatches the hours where chats arrived and nobody was Online, and only those', () => {
    const option = arrivalsHeatmapOption([
      { weekday: 1, hour: 9, chats: 5, staffedShare: 1 },
      { weekday: 6, hour: 20, chats: 2, staffedShare: 0 },
      { weekday: 7, hour: 3, chats: 0, staffedShare: 0 },
    ]);
    const series = option.series as [{ data: HeatmapItem[] }];
    const [staffed, gap, quiet] = series[0].data;
    // Hour across, weekday down (Monday is row 0).
    expect(gap?.value).toEqual([20, 5, 2]);
    expect(gap?.itemStyle).toBe(GAP_STYLE);
    expect(staffed?.itemStyle).toBeUndefined();
    expect(quiet?.itemStyle).toBeUndefined();
  });

  it('shows the staffed share as a percentage', () => {
    const option = staffingHeatmapOption([{ weekday: 3, hour: 14, chats: 0, staffedShare: 0.5 }]);
    expect((option.series as [{ data: number[][] }])[0].data).toEqual([[14, 2, 50]]);
  });

  it('stacks the missed chats on the others, so a bar is the day’s whole count', () => {
    const option = seriesOption([{ label: '5 Jan', chats: 10, missed: 3 }]);
    const [others, missed] = option.series as [{ data: number[]; name: string }, { data: number[]; name: string }];
    expect(others.data).toEqual([7]);
    expect(missed).toMatchObject({ name: 'Missed', data: [3] });
  });
});
