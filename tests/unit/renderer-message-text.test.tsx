// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { MessageText } from '../../renderer/shared/message-text';

afterEach(cleanup);

const shown = (body: string, marks?: { start: number; end: number; current?: boolean }[]) =>
  render(
    <p>
      <MessageText body={body} marks={marks} />
    </p>,
  ).container.firstElementChild as HTMLElement;

describe('a message body in the console', () => {
  it('shows links as anchors that open in a new tab, and the rest as the text it is', () => {
    const body = 'See https://catalog.example.org/r?id=1&q=a. <img src=x onerror=alert(1)> javascript:alert(1)';
    const paragraph = shown(body);
    const links = paragraph.querySelectorAll('a');
    expect(links).toHaveLength(1);
    expect(links[0]?.getAttribute('href')).toBe('https://catalog.example.org/r?id=1&q=a');
    expect(links[0]?.getAttribute('target')).toBe('_blank');
    expect(links[0]?.getAttribute('rel')).toBe('noopener noreferrer');
    expect(paragraph.querySelector('img')).toBeNull();
    expect(paragraph.textContent).toBe(body);
  });

  it('marks a find match inside a link, and one that runs over its edge in two pieces, without losing text', () => {
    const body = 'at www.library.org today';
    const inside = shown(body, [{ start: 7, end: 14, current: true }]);
    expect(inside.querySelector('a mark[data-find-current]')?.textContent).toBe('library');
    expect(inside.textContent).toBe(body);
    cleanup();

    const across = shown(body, [{ start: 0, end: 6 }]);
    const marks = [...across.querySelectorAll('mark')].map((mark) => mark.textContent);
    expect(marks).toEqual(['at ', 'www']);
    expect(across.querySelector('a')?.textContent).toBe('www.library.org');
    expect(across.textContent).toBe(body);
  });
});
