import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { OPERATOR_STATUSES } from '../../src/protocol';
import type { TrayIconName } from '../../electron/main/tray/tray-model';
import {
  encodePng,
  ICON_SIZES,
  rasterize,
  TRAY_COLOURS,
  trayIconLayers,
  type Rgb,
} from '../../scripts/make-tray-icons';

const TRAY_DIR = resolve(import.meta.dirname, '../../assets/tray');

/** Decodes the 8-bit RGBA, filter-0 PNGs the script writes (enough to check them). */
function decodePng(file: Buffer): { width: number; height: number; rgba: Uint8Array } {
  expect(file.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  let width = 0;
  let height = 0;
  const data: Buffer[] = [];
  while (offset < file.length) {
    const length = file.readUInt32BE(offset);
    const type = file.toString('latin1', offset + 4, offset + 8);
    const body = file.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      expect([body[8], body[9]]).toEqual([8, 6]);
    }
    if (type === 'IDAT') data.push(body);
    offset += 12 + length;
  }
  const rows = inflateSync(Buffer.concat(data));
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(rows[y * (width * 4 + 1)]).toBe(0);
    rows.copy(rgba, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  }
  return { width, height, rgba };
}

function pixel(image: { width: number; rgba: Uint8Array }, x: number, y: number): number[] {
  const at = (y * image.width + x) * 4;
  return Array.from(image.rgba.subarray(at, at + 4));
}

const iconNames: TrayIconName[] = [...OPERATOR_STATUSES, 'disconnected'];

describe('the tray icons in assets/tray', () => {
  it.each(iconNames)('%s has a 16 px icon and a 32 px @2x icon, transparent in the corners', (name) => {
    for (const { suffix, size } of ICON_SIZES) {
      const image = decodePng(readFileSync(resolve(TRAY_DIR, `${name}${suffix}.png`)));
      expect([image.width, image.height]).toEqual([size, size]);
      expect(pixel(image, 0, 0)[3]).toBe(0);
    }
  });

  it.each(OPERATOR_STATUSES.map((status) => [status, TRAY_COLOURS[status]] as [string, Rgb]))(
    '%s is drawn in its own colour (Online green, Away yellow, Offline red, Internal blue)',
    (name, colour) => {
      const image = decodePng(readFileSync(resolve(TRAY_DIR, `${name}@2x.png`)));
      // Just inside the disc's left edge, beside the bell.
      expect(pixel(image, 4, 16)).toEqual([...colour, 255]);
    },
  );

  it('"not connected" is a grey ring, hollow where the others are filled', () => {
    const image = decodePng(readFileSync(resolve(TRAY_DIR, 'disconnected@2x.png')));
    expect(pixel(image, 1, 16)).toEqual([...TRAY_COLOURS.disconnected, 255]);
    expect(pixel(image, 7, 16)[3]).toBe(0);
  });

  it('the colours are told apart: green, yellow, red, blue and grey', () => {
    const [online, away, offline, internal, grey] = [
      TRAY_COLOURS.online,
      TRAY_COLOURS.away,
      TRAY_COLOURS.offline,
      TRAY_COLOURS.internal,
      TRAY_COLOURS.disconnected,
    ];
    expect(online[1]).toBeGreaterThan(Math.max(online[0], online[2]));
    expect(Math.min(away[0], away[1])).toBeGreaterThan(away[2] * 3);
    expect(offline[0]).toBeGreaterThan(Math.max(offline[1], offline[2]) * 3);
    expect(internal[2]).toBeGreaterThan(Math.max(internal[0], internal[1]));
    expect(Math.max(...grey) - Math.min(...grey)).toBeLessThan(20);
  });

  it('the committed icons are exactly what scripts/make-tray-icons.ts draws', () => {
    for (const [name, layers] of Object.entries(trayIconLayers())) {
      for (const { suffix, size } of ICON_SIZES) {
        const committed = readFileSync(resolve(TRAY_DIR, `${name}${suffix}.png`));
        expect(committed.equals(encodePng(size, rasterize(size, layers))), `${name}${suffix}.png`).toBe(true);
      }
    }
  });
});
