/**
 * Hands a fetched file to the browser as a download: an object URL on an
 * `<a download>`, clicked once. The export was fetched with the console's own
 * credentials (the cookie, or the desktop app's bearer token), which a plain
 * link to the server could not carry in the desktop app.
 */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has started the download; the URL may go once the browser has read it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
