import { describe, expect, it } from 'vitest';
import { buildFrameUrl, readLoaderParams, type ScriptTagLike } from '../../widget/loader-params';

function scriptTag(src: string, attributes: Record<string, string>): ScriptTagLike {
  return { src, getAttribute: (name) => attributes[name] ?? null };
}

describe('the loader reading its script tag', () => {
  it('takes the department and the server from the script tag a library pasted', () => {
    const result = readLoaderParams(
      scriptTag('https://chat.riverside.example/widget/loader.js', { 'data-department': 'general-reference' }),
    );
    expect(result).toEqual({
      ok: true,
      params: {
        department: 'general-reference',
        label: 'Chat with a librarian',
        origin: 'https://chat.riverside.example',
        frameUrl: 'https://chat.riverside.example/widget/frame.html',
      },
    });
  });

  it('uses the button text the library chose with data-label', () => {
    const result = readLoaderParams(
      scriptTag('https://chat.example/widget/loader.js', {
        'data-department': 'research-help',
        'data-label': ' Ask us ',
      }),
    );
    expect(result.ok && result.params.label).toBe('Ask us');
  });

  it('explains how to fix a script tag without data-department', () => {
    const result = readLoaderParams(scriptTag('https://chat.example/widget/loader.js', { 'data-department': ' ' }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/data-department="general-reference"/);
  });

  it('explains that it cannot run as a module or inline script', () => {
    const result = readLoaderParams(null);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/not as a module/);
  });

  it('opens the frame with the department, the page the patron is on and where they came from', () => {
    const result = readLoaderParams(
      scriptTag('https://chat.example/widget/loader.js', { 'data-department': 'general-reference' }),
    );
    if (!result.ok) throw new Error(result.error);
    const url = new URL(
      buildFrameUrl(result.params, {
        href: 'https://library.example/hours?x=1&y=2',
        referrer: 'https://search.example/',
      }),
    );
    expect(url.origin + url.pathname).toBe('https://chat.example/widget/frame.html');
    expect(url.searchParams.get('department')).toBe('general-reference');
    expect(url.searchParams.get('page')).toBe('https://library.example/hours?x=1&y=2');
    expect(url.searchParams.get('referrer')).toBe('https://search.example/');
  });

  it('leaves the referrer out when the browser gave none', () => {
    const result = readLoaderParams(scriptTag('https://chat.example/widget/loader.js', { 'data-department': 'g' }));
    if (!result.ok) throw new Error(result.error);
    const url = new URL(buildFrameUrl(result.params, { href: 'https://library.example/', referrer: '' }));
    expect(url.searchParams.has('referrer')).toBe(false);
  });
});
