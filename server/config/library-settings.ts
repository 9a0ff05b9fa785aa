import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { type WidgetTexts, widgetTextsSchema } from '../../src/protocol/desk-settings';
import { patronFieldSchema } from '../../src/protocol/models';
import { ConfigError } from './config-error';

/**
 * The optional settings file a library keeps in its data directory: the
 * first run's defaults only. Once a database holds desk settings the
 * Administration page edits them there, and the file is not read into it again.
 */
export const SETTINGS_FILE_NAME = 'deskbell.json';

const questionTypeEntrySchema = z.union([
  z.string().trim().min(1).max(80),
  z.strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lower-case letters, digits and -')
      .max(64)
      .optional(),
    label: z.string().trim().min(1).max(80),
    /** How reference statistics count it; 'reference' when left out. */
    countsAs: z.enum(['reference', 'directional']).optional(),
  }),
]);

export const librarySettingsSchema = z.strictObject({
  /** Replaces the Question Type list of the analytics entry when given. */
  questionTypes: z.array(questionTypeEntrySchema).min(1).max(50).optional(),
  /** Replaces the extra fields of the widget's pre-chat form when given. */
  patronFields: z
    .array(patronFieldSchema.strict())
    .max(20)
    .refine((fields) => new Set(fields.map((field) => field.key)).size === fields.length, 'field keys must be unique')
    .optional(),
  /** The widget's words (library name, greeting, closed and nobody-online texts); each one left out keeps its default. */
  widgetTexts: widgetTextsSchema.partial().optional(),
});

export interface LibrarySettings {
  questionTypes?: Array<{ id: string; label: string; countsAs: 'reference' | 'directional' }>;
  patronFields?: Array<{ key: string; label: string; required?: boolean }>;
  widgetTexts?: Partial<WidgetTexts>;
}

/** "Directional" -> "directional", "Policy / Rules" -> "policy-rules". */
export function slugify(label: string): string {
  const slug = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug === '' ? 'type' : slug.slice(0, 64);
}

/** Reads `<dataDir>/deskbell.json` when it exists; a bad file is a ConfigError naming the field. */
export function readLibrarySettings(dataDir: string): LibrarySettings {
  const path = join(dataDir, SETTINGS_FILE_NAME);
  if (!existsSync(path)) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${path}: is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const result = librarySettingsSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'the file';
    throw new ConfigError(`${path}: ${where}: ${issue?.message ?? 'is not valid'}`);
  }
  const settings: LibrarySettings = {};
  if (result.data.questionTypes) {
    settings.questionTypes = result.data.questionTypes.map((entry) =>
      typeof entry === 'string'
        ? { id: slugify(entry), label: entry, countsAs: 'reference' as const }
        : { id: entry.id ?? slugify(entry.label), label: entry.label, countsAs: entry.countsAs ?? 'reference' },
    );
    const ids = settings.questionTypes.map((type) => type.id);
    if (new Set(ids).size !== ids.length)
      throw new ConfigError(`${path}: questionTypes: two question types have the same id`);
  }
  if (result.data.patronFields) settings.patronFields = result.data.patronFields;
  if (result.data.widgetTexts) settings.widgetTexts = result.data.widgetTexts;
  return settings;
}
