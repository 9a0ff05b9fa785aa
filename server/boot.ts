import type { DeskbellConfig } from './config/config';
import { createRepositories } from './repositories';
import { backfillChatStats } from './reports/chat-stats';
import { applyLibrarySettings } from './seed/apply-settings';
import { demoLoginLines, seedDemoLibrary } from './seed/demo-seed';
import { setUpFirstRun } from './seed/first-run';
import { type Storage, openStorage } from './storage/database';
import { migrateToLatest } from './storage/migrations';

export interface PreparedStorage {
  storage: Storage;
  /** Lines for the person starting the server (demo logins, the first admin's password). */
  notices: string[];
}

/**
 * Opens the database and makes it ready to serve: migrations, the demo library
 * (with --demo), on an empty database the first admin, and deskbell.json's
 * defaults the first time (apply-settings.ts), and the reports' figures of chats that have none.
 * main.ts and the test harness both start a server through this.
 */
export async function prepareStorage(
  config: Pick<DeskbellConfig, 'databaseUrl' | 'dataDir' | 'demo' | 'settings' | 'adminPassword'>,
  now: () => number = Date.now,
): Promise<PreparedStorage> {
  const storage = openStorage({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(storage.db);
    const repos = createRepositories(storage.db);
    const notices: string[] = [];
    if (config.demo) {
      await seedDemoLibrary(repos, now());
      notices.push(...demoLoginLines());
    } else {
      notices.push(...(await setUpFirstRun(repos, { adminPassword: config.adminPassword, now: now() })));
    }
    notices.push(...(await applyLibrarySettings(repos, config.settings, now())));
    const counted = await backfillChatStats(storage.db);
    if (counted > 0)
      notices.push(`Reports: figures worked out for ${counted} chats that ended before reports existed.`);
    return { storage, notices };
  } catch (error) {
    await storage.close();
    throw error;
  }
}
