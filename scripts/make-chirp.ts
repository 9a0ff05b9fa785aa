/**
 * Writes assets/sounds/chirp.wav: Deskbell's own new-chat sound, a short
 * two-note bird-like chirp (rising sine sweeps with a soft envelope), made
 * here so the project owns it. Run `npx tsx scripts/make-chirp.ts` to remake it.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SAMPLE_RATE = 22_050;

interface Note {
  startSec: number;
  lengthSec: number;
  fromHz: number;
  toHz: number;
}

// Two quick upward sweeps, the second a touch higher: reads as "chirp-chirp".
const NOTES: Note[] = [
  { startSec: 0.0, lengthSec: 0.075, fromHz: 2300, toHz: 3900 },
  { startSec: 0.11, lengthSec: 0.085, fromHz: 2600, toHz: 4400 },
];
const TOTAL_SEC = 0.24;
const PEAK = 0.6;

function render(): Int16Array {
  const samples = new Float64Array(Math.round(TOTAL_SEC * SAMPLE_RATE));
  for (const note of NOTES) {
    const first = Math.round(note.startSec * SAMPLE_RATE);
    const count = Math.round(note.lengthSec * SAMPLE_RATE);
    let phase = 0;
    for (let i = 0; i < count; i++) {
      const t = i / count;
      // A slightly curved sweep sounds more like a bird than a straight one.
      const frequency = note.fromHz + (note.toHz - note.fromHz) * Math.sqrt(t);
      phase += (2 * Math.PI * frequency) / SAMPLE_RATE;
      const envelope = Math.sin(Math.PI * t) ** 2;
      const index = first + i;
      if (index < samples.length) samples[index] = (samples[index] ?? 0) + PEAK * envelope * Math.sin(phase);
    }
  }
  return Int16Array.from(samples, (value) => Math.round(Math.max(-1, Math.min(1, value)) * 32767));
}

function wav(pcm: Int16Array): Buffer {
  const data = Buffer.from(pcm.buffer);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(SAMPLE_RATE, 24);
  header.writeUInt32LE(SAMPLE_RATE * 2, 28); // byte rate
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

const target = resolve(dirname(fileURLToPath(import.meta.url)), '../assets/sounds/chirp.wav');
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, wav(render()));
console.log(`wrote ${target}`);
