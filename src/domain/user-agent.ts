/**
 * A short readable browser description for the patron info tab, e.g.
 * "Firefox 128 on Windows". Unknown agents give null; the raw string is kept too.
 */
export function describeBrowser(userAgent: string | null | undefined): string | null {
  if (!userAgent) return null;
  const browser = matchBrowser(userAgent);
  const os = matchOs(userAgent);
  if (!browser && !os) return null;
  return [browser ?? 'Unknown browser', os ? `on ${os}` : null].filter(Boolean).join(' ');
}

// Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari".
const BROWSERS: Array<[RegExp, string]> = [
  [/Edg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
  [/OPR\/(\d+)/, 'Opera'],
  [/Firefox\/(\d+)/, 'Firefox'],
  [/(?:Chrome|Chromium|CriOS)\/(\d+)/, 'Chrome'],
  [/Version\/(\d+)[^ ]* (?:Mobile\/\S+ )?Safari\//, 'Safari'],
];

function matchBrowser(userAgent: string): string | null {
  for (const [pattern, name] of BROWSERS) {
    const match = pattern.exec(userAgent);
    if (match) return `${name} ${match[1] ?? ''}`.trim();
  }
  return null;
}

const SYSTEMS: Array<[RegExp, string]> = [
  [/Windows NT/, 'Windows'],
  [/Android/, 'Android'],
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/CrOS/, 'ChromeOS'],
  [/Linux/, 'Linux'],
];

function matchOs(userAgent: string): string | null {
  for (const [pattern, name] of SYSTEMS) {
    if (pattern.test(userAgent)) return name;
  }
  return null;
}
