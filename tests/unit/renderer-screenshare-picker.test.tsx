// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SharePick, ShareSource } from '../../src/protocol';
import { demoSources } from '../../renderer/features/screenshare-picker/demo-sources';
import { SharePicker } from '../../renderer/features/screenshare-picker/share-picker';
import { SharingBar, sharingBarFromQuery } from '../../renderer/features/screenshare-picker/sharing-bar';

afterEach(cleanup);

const PNG = 'data:image/png;base64,iVBORw0KGgo=';
const SOURCES: ShareSource[] = [
  { id: 'window:7:0', name: 'Library catalogue – Firefox', kind: 'window', thumbnail: PNG },
  { id: 'screen:1:0', name: 'Screen 1', kind: 'screen', thumbnail: PNG },
  { id: 'screen:2:0', name: 'Screen 2', kind: 'screen', thumbnail: null },
];

function openPicker(sources: Promise<ShareSource[]> = Promise.resolve(SOURCES)) {
  const picks: SharePick[] = [];
  render(<SharePicker loadSources={() => sources} onPick={(pick) => picks.push(pick)} />);
  return { picks };
}

describe('the picker window', () => {
  it('lists screens under "Entire screen" and windows under "Windows", each with its preview', async () => {
    openPicker();
    expect(screen.getByRole('heading', { name: 'Choose what to share' })).toBeTruthy();
    const screens = await screen.findByRole('radiogroup', { name: 'Entire screen' });
    const windows = screen.getByRole('radiogroup', { name: 'Windows' });
    expect(
      within(screens)
        .getAllByRole('radio')
        .map((card) => card.textContent),
    ).toEqual(['Screen 1', 'No previewScreen 2']);
    expect(
      within(windows)
        .getByRole('radio', { name: /Library catalogue/ })
        .querySelector('img')?.src,
    ).toBe(PNG);
  });

  it('Share stays disabled until a source is chosen; then it answers with that source, once', async () => {
    const { picks } = openPicker();
    const share = screen.getByRole('button', { name: 'Share' }) as HTMLButtonElement;
    expect(share.disabled).toBe(true);
    fireEvent.click(await screen.findByRole('radio', { name: /Library catalogue/ }));
    expect(screen.getByRole('radio', { name: /Library catalogue/ }).getAttribute('aria-checked')).toBe('true');
    expect(share.disabled).toBe(false);
    fireEvent.click(share);
    fireEvent.click(share);
    expect(picks).toEqual([{ sourceId: 'window:7:0' }]);
  });

  it('Cancel and Escape answer with no source', async () => {
    const { picks } = openPicker();
    await screen.findByRole('radio', { name: 'Screen 1' });
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(picks).toEqual([{ sourceId: null }]);
    cleanup();
    const second = openPicker();
    fireEvent.keyDown(await screen.findByRole('radio', { name: 'Screen 1' }), { key: 'Escape' });
    expect(second.picks).toEqual([{ sourceId: null }]);
  });

  it('the arrow keys move the choice across both groups, and Enter shares it', async () => {
    const { picks } = openPicker();
    const first = await screen.findByRole('radio', { name: 'Screen 1' });
    // One Tab stop: the first card until something is chosen.
    expect(screen.getAllByRole('radio').map((card) => card.tabIndex)).toEqual([0, -1, -1]);
    first.focus();
    fireEvent.keyDown(first, { key: 'ArrowRight' });
    const second = screen.getByRole('radio', { name: /Screen 2/ });
    expect(second.getAttribute('aria-checked')).toBe('true');
    expect(document.activeElement).toBe(second);
    fireEvent.keyDown(second, { key: 'ArrowDown' });
    const window = screen.getByRole('radio', { name: /Library catalogue/ });
    expect(document.activeElement).toBe(window);
    fireEvent.keyDown(window, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(window);
    fireEvent.keyDown(window, { key: 'Home' });
    expect(document.activeElement).toBe(first);
    expect(screen.getAllByRole('radio').map((card) => card.tabIndex)).toEqual([0, -1, -1]);
    fireEvent.keyDown(first, { key: 'End' });
    fireEvent.keyDown(window, { key: 'ArrowLeft' });
    fireEvent.keyDown(second, { key: 'Enter' });
    expect(picks).toEqual([{ sourceId: 'screen:2:0' }]);
  });

  it('says so when nothing can be listed', async () => {
    openPicker(Promise.reject(new Error('no capturer')));
    expect((await screen.findByRole('alert')).textContent).toMatch(/could not be listed/);
    expect((screen.getByRole('button', { name: 'Share' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('the demo list has two screens and a window (no canvas here: names alone)', () => {
    expect(demoSources().map((source) => [source.kind, source.name])).toEqual([
      ['screen', 'Screen 1'],
      ['screen', 'Screen 2'],
      ['window', 'Library catalogue – Firefox'],
    ]);
  });
});

describe('the sharing bar', () => {
  it('says what is shared with whom; Stop Share asks once', () => {
    let stops = 0;
    render(<SharingBar bar={{ sourceLabel: 'Screen 1', watcherName: 'Riley Reader' }} onStop={() => (stops += 1)} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Sharing Screen 1 with Riley Reader');
    fireEvent.click(screen.getByRole('button', { name: 'Stop Share' }));
    fireEvent.click(screen.getByRole('button', { name: 'Stopping…' }));
    expect(stops).toBe(1);
  });

  it('reads its text from the query main opens it with', () => {
    expect(sharingBarFromQuery('?source=Screen%201&watcher=Zo%C3%AB')).toEqual({
      sourceLabel: 'Screen 1',
      watcherName: 'Zoë',
    });
    expect(sharingBarFromQuery('')).toBeNull();
    expect(sharingBarFromQuery('?demo=1')).toEqual({ sourceLabel: 'Screen 1', watcherName: 'Riley Reader' });
  });
});
