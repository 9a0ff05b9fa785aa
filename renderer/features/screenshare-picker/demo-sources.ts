import type { ShareSource } from '../../../src/protocol';

/**
 * A made-up source list for the picker page opened in a plain browser with
 * `?demo=1` (screenshots, design work): two screens and a window, with
 * thumbnails drawn on a canvas. The desktop's real list never comes from here.
 */
export function demoSources(): ShareSource[] {
  return [
    { id: 'screen:1:0', name: 'Screen 1', kind: 'screen', thumbnail: drawScreen('#1f3a5f', 2) },
    { id: 'screen:2:0', name: 'Screen 2', kind: 'screen', thumbnail: drawScreen('#2f5d50', 1) },
    { id: 'window:4242:0', name: 'Library catalogue – Firefox', kind: 'window', thumbnail: drawCatalogue() },
  ];
}

const WIDTH = 320;
const HEIGHT = 180;

function canvas(paint: (context: CanvasRenderingContext2D) => void): string | null {
  const element = document.createElement('canvas');
  element.width = WIDTH;
  element.height = HEIGHT;
  const context = element.getContext('2d');
  // No canvas (jsdom, a locked-down browser): the card shows the name alone.
  if (!context) return null;
  paint(context);
  return element.toDataURL('image/png');
}

/** A desktop: wallpaper, a taskbar, and `windows` windows on it. */
function drawScreen(wallpaper: string, windows: number): string | null {
  return canvas((context) => {
    context.fillStyle = wallpaper;
    context.fillRect(0, 0, WIDTH, HEIGHT);
    context.fillStyle = 'rgba(0, 0, 0, 0.45)';
    context.fillRect(0, HEIGHT - 14, WIDTH, 14);
    for (let index = 0; index < windows; index += 1) {
      const x = 24 + index * 110;
      const y = 22 + index * 26;
      context.fillStyle = '#ffffff';
      context.fillRect(x, y, 170, 104);
      context.fillStyle = '#d0d7de';
      context.fillRect(x, y, 170, 12);
      context.fillStyle = '#8c959f';
      for (let line = 0; line < 5; line += 1) context.fillRect(x + 10, y + 24 + line * 14, 120 - line * 12, 5);
    }
  });
}

/** A browser window showing a catalogue search. */
function drawCatalogue(): string | null {
  return canvas((context) => {
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, WIDTH, HEIGHT);
    context.fillStyle = '#e6e9ed';
    context.fillRect(0, 0, WIDTH, 22);
    context.fillStyle = '#ffffff';
    context.fillRect(40, 5, 220, 12);
    context.fillStyle = '#0a5bb5';
    context.fillRect(16, 34, 150, 10);
    context.fillStyle = '#d0d7de';
    context.fillRect(16, 52, 288, 14);
    for (let row = 0; row < 4; row += 1) {
      const y = 78 + row * 24;
      context.fillStyle = '#bf8700';
      context.fillRect(16, y, 14, 18);
      context.fillStyle = '#0a5bb5';
      context.fillRect(38, y + 1, 170 - row * 18, 6);
      context.fillStyle = '#8c959f';
      context.fillRect(38, y + 11, 120, 4);
    }
  });
}
