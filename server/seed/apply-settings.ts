import type { LibrarySettings } from '../config/library-settings';
import type { Repositories } from '../repositories';

/** What deskbell.json lists wins over seeded defaults, on every start. */
export async function applyLibrarySettings(repos: Repositories, settings: LibrarySettings): Promise<void> {
  if (settings.questionTypes) await repos.departments.replaceQuestionTypes(settings.questionTypes);
  if (settings.patronFields) await repos.departments.replacePatronFields(settings.patronFields);
}
