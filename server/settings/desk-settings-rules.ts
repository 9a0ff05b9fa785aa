import type { PatronField, QuestionType } from '../../src/protocol/models';
import type { PatronFieldsRequest } from '../../src/protocol/desk-settings';
import { AdminRefusal } from '../admin/account-admin';
import { slugify } from '../config/library-settings';

/** A free id from `base`: itself, else base-2, base-3, ... (ids are never reused for another meaning). */
function freeId(base: string, taken: Set<string>, separator = '-'): string {
  let id = base;
  for (let n = 2; taken.has(id); n += 1) id = `${base.slice(0, 60)}${separator}${n}`;
  taken.add(id);
  return id;
}

/**
 * The active Question Type list an admin asked for, as rows to keep. A new
 * label gets a new id, and so does a renamed one: analytics saved under the
 * old name keep it (history joins the row for its label), while the old row
 * is retired. A new type whose label a retired one has brings that one back.
 */
export function planQuestionTypes(
  existing: ReadonlyArray<
    Pick<QuestionType, 'id' | 'label'> & { active: boolean; countsAs?: QuestionType['countsAs'] }
  >,
  request: ReadonlyArray<{ id?: string; label: string; countsAs?: QuestionType['countsAs'] }>,
): QuestionType[] {
  const byId = new Map(existing.map((type) => [type.id, type]));
  const taken = new Set(existing.map((type) => type.id));
  const used = new Set<string>();
  return request.map((entry, index) => {
    const label = entry.label.trim();
    const countsAs = (kept: { countsAs?: QuestionType['countsAs'] } | undefined) =>
      entry.countsAs ?? kept?.countsAs ?? 'reference';
    if (entry.id !== undefined) {
      const found = byId.get(entry.id);
      if (!found)
        throw new AdminRefusal(400, 'BAD_REQUEST', `types.${index}.id: there is no question type "${entry.id}".`);
      if (found.label === label) return claim({ id: found.id, label, countsAs: countsAs(found) }, used, index);
    }
    const same = existing.find((type) => type.label === label && !used.has(type.id));
    if (same) return claim({ id: same.id, label, countsAs: countsAs(same) }, used, index);
    // A renamed type counts as the one it renames did.
    const renamed = entry.id !== undefined ? byId.get(entry.id) : undefined;
    return claim({ id: freeId(slugify(label), taken), label, countsAs: countsAs(renamed) }, used, index);
  });
}

function claim(type: QuestionType, used: Set<string>, index: number): QuestionType {
  if (used.has(type.id)) throw new AdminRefusal(400, 'BAD_REQUEST', `types.${index}.id: "${type.id}" is listed twice.`);
  used.add(type.id);
  return type;
}

/** "Library card number" -> "library_card_number": a field key as the contract allows it. */
function fieldKeyOf(label: string): string {
  const key = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 36);
  return /^[a-z]/.test(key) ? key : `field_${key}`.replace(/_+$/, '');
}

/**
 * The pre-chat form's extra fields an admin asked for. A field keeps its key
 * when given (what patrons typed into it before is stored under that key); a
 * new one gets a key made from its label.
 */
export function planPatronFields(
  existing: readonly PatronField[],
  request: Required<Pick<PatronFieldsRequest, 'fields'>>['fields'],
): PatronField[] {
  const taken = new Set([...existing.map((field) => field.key), ...request.flatMap((field) => field.key ?? [])]);
  return request.map((field) => ({
    key: field.key ?? freeId(fieldKeyOf(field.label), taken, '_'),
    label: field.label.trim(),
    required: field.required ?? false,
  }));
}
