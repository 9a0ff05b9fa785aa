/**
 * `npm run admin -- <command>`: the Administration rules from the command line, for a library
 * whose only admin is locked out. Finds the database as the server does (--data-dir,
 * DESKBELL_DATA_DIR, DATABASE_URL) and runs migrations first, so it works on a fresh one too.
 */
import { runAdminCommand } from './admin/admin-cli';
import { loadConfig } from './config/config';
import { ConfigError } from './config/config-error';
import { createRepositories } from './repositories';
import { openStorage } from './storage/database';
import { migrateToLatest } from './storage/migrations';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  // --data-dir is the server's option; the rest are the command's.
  const at = args.indexOf('--data-dir');
  const serverArgs = at >= 0 ? args.splice(at, 2) : [];
  let config;
  try {
    config = loadConfig({ argv: serverArgs, env: process.env, cwd: process.cwd() });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`deskbell admin: ${error.message}`);
    return 2;
  }
  const storage = openStorage({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(storage.db);
    return await runAdminCommand(args, {
      repos: createRepositories(storage.db),
      now: Date.now,
      io: { out: (line) => console.log(line), err: (line) => console.error(line) },
    });
  } finally {
    await storage.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('deskbell admin: failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
