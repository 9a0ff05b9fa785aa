import { LIMITS } from '../../src/protocol/limits';
import type { PatronField } from '../../src/protocol/models';
import type { StartChatForm } from '../../src/client/patron-connection';

/** What the patron typed into the pre-chat form. */
export interface PrechatValues {
  question: string;
  name: string;
  email: string;
  /** Values of the library's extra fields, by field key. */
  extra: Record<string, string>;
}

/** One message per field that needs fixing; extra fields are keyed `extra.<key>`. */
export type PrechatErrors = Partial<Record<string, string>>;

export type PrechatResult = { ok: true; form: StartChatForm } | { ok: false; errors: PrechatErrors };

/** The same rule the server applies (requests.ts), so the form never sends what would be refused. */
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function emptyPrechat(): PrechatValues {
  return { question: '', name: '', email: '', extra: {} };
}

/**
 * Checks the pre-chat form field by field, in the patron's words. The
 * question is required, and so are the library's fields marked required (the
 * server checks them too); blank optional fields are left out of the request.
 */
export function validatePrechat(
  values: PrechatValues,
  fields: readonly PatronField[],
  page: { pageUrl: string | null; referrer: string | null },
): PrechatResult {
  const errors: PrechatErrors = {};
  const question = values.question.trim();
  const name = values.name.trim();
  const email = values.email.trim();

  if (question === '') errors.question = 'Please type your question.';
  else if (question.length > LIMITS.questionMaxLength)
    errors.question = tooLong('Your question', LIMITS.questionMaxLength);
  if (name.length > LIMITS.nameMaxLength) errors.name = tooLong('Your name', LIMITS.nameMaxLength);
  if (email.length > LIMITS.emailMaxLength) errors.email = tooLong('Your email', LIMITS.emailMaxLength);
  else if (email !== '' && !EMAIL_PATTERN.test(email)) {
    errors.email = 'Enter an email address like name@example.com, or leave it blank.';
  }

  const extraFields: Record<string, string> = {};
  for (const field of fields) {
    const value = (values.extra[field.key] ?? '').trim();
    if (value.length > LIMITS.extraFieldValueMaxLength) {
      errors[`extra.${field.key}`] = tooLong(field.label, LIMITS.extraFieldValueMaxLength);
    } else if (value === '' && field.required) {
      errors[`extra.${field.key}`] = `Please fill in ${field.label}.`;
    } else if (value !== '') {
      extraFields[field.key] = value;
    }
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    form: {
      question,
      name: name || null,
      email: email || null,
      extraFields,
      pageUrl: page.pageUrl?.slice(0, LIMITS.urlMaxLength) ?? null,
      referrer: page.referrer?.slice(0, LIMITS.urlMaxLength) ?? null,
    },
  };
}

function tooLong(what: string, max: number): string {
  return `${what} is too long: please keep it to ${max.toLocaleString('en-US')} characters or fewer.`;
}
