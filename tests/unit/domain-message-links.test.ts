import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type MessagePart, messageParts } from '../../src/domain/message-links';

const links = (body: string) =>
  messageParts(body)
    .filter((part): part is Extract<MessagePart, { kind: 'link' }> => part.kind === 'link')
    .map(({ text, href }) => ({ text, href }));

describe('links in a message body', () => {
  it('links a catalogue permalink with a long query string, without the full stop that ends the sentence', () => {
    const url = 'https://catalog.riverside.org/search?q=county%20atlas&facet=format:map&sort=date&page=2#results';
    expect(links(`Try ${url}.`)).toEqual([{ text: url, href: url }]);
  });

  it('leaves the closing parenthesis of a sentence out, and keeps parentheses that belong to the address', () => {
    expect(links('(see https://example.org/atlas)')).toEqual([
      { text: 'https://example.org/atlas', href: 'https://example.org/atlas' },
    ]);
    expect(links('https://en.wikipedia.org/wiki/Atlas_(cartography), then')).toEqual([
      {
        text: 'https://en.wikipedia.org/wiki/Atlas_(cartography)',
        href: 'https://en.wikipedia.org/wiki/Atlas_(cartography)',
      },
    ]);
  });

  it('links http, https, mailto, email addresses and bare www. addresses', () => {
    expect(
      links('http://a.org https://b.org mailto:ask@library.org or ref@library.org, www.library.org/hours'),
    ).toEqual([
      { text: 'http://a.org', href: 'http://a.org' },
      { text: 'https://b.org', href: 'https://b.org' },
      { text: 'mailto:ask@library.org', href: 'mailto:ask@library.org' },
      { text: 'ref@library.org', href: 'mailto:ref@library.org' },
      { text: 'www.library.org/hours', href: 'https://www.library.org/hours' },
    ]);
  });

  it('links DOIs in all three spellings, a bare one to doi.org', () => {
    expect(links('doi:10.1000/xyz123, 10.1038/nphys1170. and https://doi.org/10.1000/abc')).toEqual([
      { text: 'doi:10.1000/xyz123', href: 'https://doi.org/10.1000/xyz123' },
      { text: '10.1038/nphys1170', href: 'https://doi.org/10.1038/nphys1170' },
      { text: 'https://doi.org/10.1000/abc', href: 'https://doi.org/10.1000/abc' },
    ]);
    expect(links('(doi: 10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0)')[0]).toEqual({
      text: 'doi: 10.1002/(SICI)1097-4571(199806)49:8',
      href: 'https://doi.org/10.1002/(SICI)1097-4571(199806)49%3A8',
    });
  });

  it('does not take a DOI out of an address that carries one', () => {
    const url = 'https://search.library.org/record?doi=10.1000/xyz&from=alert';
    expect(links(url)).toEqual([{ text: url, href: url }]);
  });

  it('keeps every other scheme, file names and markup as text', () => {
    for (const body of [
      'javascript:alert(1)',
      'JavaScript:alert(document.cookie)',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      'ftp://files.library.org/pub',
      'the script.py and readme.md files',
      '<a href="https://evil.example">click</a> **bold** [x](javascript:alert(1))',
      'version 10.1 of the catalogue, room 10.12/3',
    ]) {
      const found = links(body).map((link) => link.href);
      expect(found.every((href) => /^(https:\/\/|http:\/\/|mailto:)/.test(href))).toBe(true);
      expect(found.some((href) => /javascript|data:|file:|ftp:/i.test(href))).toBe(false);
    }
    expect(links('javascript:alert(1)')).toEqual([]);
    expect(links('the script.py and readme.md files')).toEqual([]);
  });

  it('links an address inside HTML only as text the patron typed, never as the HTML meant', () => {
    expect(links('<a href="https://evil.example">click</a>')).toEqual([
      { text: 'https://evil.example', href: 'https://evil.example' },
    ]);
  });

  it('keeps right-to-left text and addresses in other scripts whole', () => {
    const body = 'مرحبا، انظر https://مكتبة.example/كتب ثم 10.1000/عربي';
    const parts = messageParts(body);
    expect(parts.map((part) => part.text).join('')).toBe(body);
    expect(links(body)[0]?.href).toBe('https://مكتبة.example/كتب');
  });

  it('gives back the whole body, part after part, whatever it holds', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string(),
            fc.constantFrom('https://a.org/x?y=(1)', 'www.b.org.', 'doi:10.1000/z)', ' ', '(', ').', 'a@b.org'),
          ),
        ),
        (pieces) => {
          const body = pieces.join('');
          const parts = messageParts(body);
          expect(parts.map((part) => part.text).join('')).toBe(body);
          let at = 0;
          for (const part of parts) {
            expect(part.start).toBe(at);
            expect(body.slice(part.start, part.end)).toBe(part.text);
            at = part.end;
          }
          expect(at).toBe(body.length);
        },
      ),
    );
  });
});
