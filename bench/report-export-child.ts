/**
 * One streamed chats export (with transcripts) of a seeded database, in a process of its own so its
 * peak RSS is the export's alone (bench/report-queries.ts runs it with a small heap). Prints JSON.
 *
 *   node --max-old-space-size=48 --import tsx bench/report-export-child.ts DATA_DIR|DATABASE_URL FROM TO
 */
import { openStorage } from '../server/storage/database';
import { createRepositories } from '../server/repositories';

const [target = '', from = '', to = ''] = process.argv.slice(2);
const storage = openStorage(
  target.startsWith('postgres') ? { databaseUrl: target, dataDir: '' } : { databaseUrl: undefined, dataDir: target },
);
const repos = createRepositories(storage.db);
const start = performance.now();
let peak = process.memoryUsage().rss;
let bytes = 0;
for await (const chunk of repos.reports.exportChats({ from, to, departmentId: null, timeZone: 'UTC' }, true)) {
  bytes += Buffer.byteLength(chunk);
  peak = Math.max(peak, process.memoryUsage().rss);
}
await storage.close();
console.log(JSON.stringify({ peakRssMb: peak / 2 ** 20, sizeMb: bytes / 2 ** 20, ms: performance.now() - start }));
