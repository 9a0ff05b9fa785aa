import { DEFAULT_WIDGET_TEXTS } from '../../src/protocol/desk-settings';
import { type LibrarySettings, SETTINGS_FILE_NAME } from '../config/library-settings';
import type { Repositories } from '../repositories';
import { WIDGET_TEXTS_SETTING } from '../settings/widget-texts';

/** Written once deskbell.json has been read into a database: from then on the database is the one source. */
export const FIRST_RUN_SETTINGS_APPLIED = 'firstRunSettingsApplied';

/**
 * deskbell.json's lists and words, on a database that has not taken them yet
 * (a first start, or the first start after the upgrade that made the file a
 * default). Later starts leave what admins changed on the Administration
 * page alone, and say so when the file would have changed something.
 * Returns the lines to print.
 */
export async function applyLibrarySettings(
  repos: Repositories,
  settings: LibrarySettings,
  now: number,
): Promise<string[]> {
  const given = settings.questionTypes || settings.patronFields || settings.widgetTexts;
  if ((await repos.departments.readSetting(FIRST_RUN_SETTINGS_APPLIED)) !== undefined) {
    return given
      ? [
          `${SETTINGS_FILE_NAME} was read on this database's first run only; change question types, patron fields ` +
            'and the widget’s words on the Administration page (Desk settings).',
        ]
      : [];
  }
  if (settings.questionTypes) await repos.departments.replaceQuestionTypes(settings.questionTypes);
  if (settings.patronFields) await repos.departments.replacePatronFields(settings.patronFields);
  if (settings.widgetTexts) {
    await repos.departments.writeSetting(
      WIDGET_TEXTS_SETTING,
      { ...DEFAULT_WIDGET_TEXTS, ...settings.widgetTexts },
      now,
    );
  }
  await repos.departments.writeSetting(FIRST_RUN_SETTINGS_APPLIED, { at: now }, now);
  return [];
}
