/**
 * The Windows taskbar overlay for "chats are waiting": a red dot with a white
 * rim, drawn here as raw BGRA pixels (what `nativeImage.createFromBitmap`
 * takes) so no image file has to ship and the drawing is tested in Node.
 */
export const BADGE_DOT_SIZE = 16;

export function badgeDotBitmap(size = BADGE_DOT_SIZE): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  const centre = (size - 1) / 2;
  const outer = size / 2;
  const inner = outer - Math.max(1, size / 16);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const distance = Math.hypot(x - centre, y - centre);
      if (distance > outer) continue;
      const offset = (y * size + x) * 4;
      const rim = distance > inner;
      // BGRA: the fill is Deskbell's alert red (#d22b2b); the rim is white.
      pixels[offset] = rim ? 0xff : 0x2b;
      pixels[offset + 1] = rim ? 0xff : 0x2b;
      pixels[offset + 2] = rim ? 0xff : 0xd2;
      pixels[offset + 3] = 0xff;
    }
  }
  return pixels;
}
