// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsoleApiError } from '../../renderer/api/http-call';
import type { ReportsApi } from '../../renderer/api/reports-api';
import ReportsPage from '../../renderer/features/reports/reports-page';
import { createConsoleStore, type ConsoleStore } from '../../renderer/store/console-store';
import { ConsoleStoreProvider } from '../../renderer/store/store-context';
import type { ReportChatsQuery, ReportQuery, ReportSummary } from '../../src/protocol/reports';
import { fakeApi, RecordingBridge } from './renderer-test-kit';
import { chatsFixture, summaryFixture } from './reports-fixtures';

let store: ConsoleStore | null = null;

afterEach(() => {
  cleanup();
  store?.dispose();
  store = null;
});

function showPage(answer: (query: ReportQuery) => ReportSummary | Promise<ReportSummary> = () => summaryFixture()) {
  const asked: { summaries: ReportQuery[]; chats: ReportChatsQuery[] } = { summaries: [], chats: [] };
  const reportsApi: ReportsApi = {
    summary: async (query) => {
      asked.summaries.push(query);
      return answer(query);
    },
    chats: async (query) => {
      asked.chats.push(query);
      return chatsFixture(query.page, 1);
    },
    download: async () => new Blob([]),
  };
  store = createConsoleStore({
    api: fakeApi(),
    reportsApi,
    bridge: new RecordingBridge(),
    now: () => Date.now(),
    createConnection: () => {
      throw new Error('no socket in this test');
    },
  });
  store.getState().openReports();
  render(
    <ConsoleStoreProvider store={store}>
      <ReportsPage />
    </ConsoleStoreProvider>,
  );
  return asked;
}

describe('the Reports page', () => {
  it('asks for the last 30 days on opening and shows the totals, each chart named in words', async () => {
    const asked = showPage();
    const totals = await screen.findByRole('region', { name: 'Totals' });
    expect(asked.summaries).toHaveLength(1);
    const { from, to } = asked.summaries[0]!;
    expect((Date.parse(to) - Date.parse(from)) / 86_400_000).toBe(29);
    expect(within(totals).getByRole('button', { name: 'List the 3 chats: Chats' })).toBeTruthy();
    expect(within(totals).getByRole('button', { name: 'List the 1 chat: Missed' })).toBeTruthy();
    const heatmap = document.querySelector('[data-report-figure="heatmap"]')!;
    expect(heatmap.querySelector('[role="img"]')?.getAttribute('aria-label')).toMatch(
      /^When chats arrive, by weekday and hour: 3 chats; busiest Monday 10:00–11:00/,
    );
    // Waits, first answers and lengths: each with its median and 90th percentile in words.
    expect(
      screen.getAllByText(/median 1 min 20 s, 90th percentile 4 min \(over 3 chats\)/, { selector: 'strong' }),
    ).toHaveLength(3);
  });

  it('shows each chart as a table of the same numbers, whose counts list the chats behind them', async () => {
    showPage(() => summaryFixture({ heatmap: [{ weekday: 6, hour: 20, chats: 3, staffedShare: 0 }] }));
    await screen.findByRole('region', { name: 'Totals' });
    const figure = screen.getByRole('region', { name: 'When chats arrive, and when the desk was staffed' });
    fireEvent.click(within(figure).getByRole('button', { name: 'Show table' }));
    const table = within(figure).getByRole('table', { name: /Chats by weekday and hour/ });
    expect(within(table).getAllByRole('columnheader')).toHaveLength(25);
    const cell = within(table).getByRole('button', { name: 'List the 3 chats: Saturday 20:00–21:00' });
    expect(cell.closest('td')?.getAttribute('data-gap')).toBe('true');
    expect(cell.closest('td')?.textContent).toContain('nobody Online most of the time');
    fireEvent.click(cell);
    const dialog = await screen.findByRole('dialog', { name: 'Chats: Saturday 20:00–21:00' });
    await within(dialog).findByText('Chats 1 to 1 of 1, newest first.');
    expect(store!.getState().reportDrill?.filter).toEqual({ weekday: 6, hour: 20 });
    expect(within(figure).getByRole('button', { name: 'Show chart' })).toBeTruthy();
  });

  it('opens a listed chat’s transcript, closing the page so the transcript shows', async () => {
    showPage();
    const totals = await screen.findByRole('region', { name: 'Totals' });
    fireEvent.click(within(totals).getByRole('button', { name: 'List the 1 chat: Rated' }));
    const dialog = await screen.findByRole('dialog', { name: 'Chats: Rated' });
    fireEvent.click(await within(dialog).findByRole('button', { name: 'Riley' }));
    await waitFor(() => expect(store!.getState().reportsOpen).toBe(false));
    // The transcript itself comes over the socket (none in this test); the way back to the report is marked.
    expect(store!.getState().transcriptFromReports).toBe(true);
  });

  it('counts chats without an analytics entry, without pretending a filter lists them', async () => {
    showPage(() =>
      summaryFixture({
        questionTypes: [
          { key: 'qt-1', label: 'Research', chats: 2, countsAs: 'reference' },
          { key: '', label: '', chats: 1, countsAs: null },
        ],
      }),
    );
    await screen.findByRole('region', { name: 'Totals' });
    const figure = screen.getByRole('region', { name: 'Question types' });
    fireEvent.click(within(figure).getByRole('button', { name: 'Show table' }));
    const row = within(figure).getByRole('rowheader', { name: 'No analytics entry' }).closest('tr')!;
    expect(within(row).queryByRole('button')).toBeNull();
    expect(within(row).getAllByRole('cell')[0]?.textContent).toBe('1');
    expect(within(figure).getByRole('button', { name: 'List the 2 chats: Question types: Research' })).toBeTruthy();
  });

  it('says so when no chat ended in the range', async () => {
    showPage(() =>
      summaryFixture({
        totals: {
          ...summaryFixture().totals,
          chats: 0,
          answered: 0,
          missed: 0,
          leftUnanswered: 0,
          rated: 0,
          reference: 0,
          directional: 0,
        },
        heatmap: [],
        questionTypes: [],
        ratings: [],
        operators: [],
        comments: [],
      }),
    );
    expect(await screen.findByText('No chats ended in this range.')).toBeTruthy();
    expect(screen.getByText('Nobody answered a chat in this range.')).toBeTruthy();
  });

  it('refuses a range that ends before it starts, without asking the server', async () => {
    const asked = showPage();
    await screen.findByRole('region', { name: 'Totals' });
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-02-01' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-01-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The last day (To) is before the first day (From).');
    expect(asked.summaries).toHaveLength(1);
  });

  it('applies a quick pick at once, and shows the server’s words when it refuses', async () => {
    let refuse = false;
    const asked = showPage((query) => {
      if (refuse) throw new ConsoleApiError(403, 'Only supervisors and admins can see reports.');
      return summaryFixture({ from: query.from, to: query.to });
    });
    await screen.findByRole('region', { name: 'Totals' });
    refuse = true;
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Last 7 days' })));
    expect(asked.summaries).toHaveLength(2);
    const { from, to } = asked.summaries[1]!;
    expect((Date.parse(to) - Date.parse(from)) / 86_400_000).toBe(6);
    expect((await screen.findByRole('alert')).textContent).toBe('Only supervisors and admins can see reports.');
  });
});
