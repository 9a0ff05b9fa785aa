import { LIMITS, type CannedMessage, type CannedSaveRequest } from '../../../src/protocol';

/** A canned message's form as typed: the shortcut (without its `/`), the body, and for a new shared one its department. */
export interface CannedForm {
  shortcut: string;
  body: string;
  /** Only for a new shared one (admins); a saved one keeps its scope. */
  departmentId: string;
}

export type CannedField = 'shortcut' | 'body' | 'departmentId';
export type CannedErrors = Partial<Record<CannedField, string>>;

/** The server's limit on a shortcut (cannedSaveRequestSchema). */
export const SHORTCUT_MAX_LENGTH = 32;
const SHORTCUT_CHARACTERS = /^[A-Za-z0-9_-]+$/;

/** What the form is for: a new personal one, a new shared one (admins), or changing a saved one. */
export type CannedTarget = { kind: 'personal' } | { kind: 'department' } | { kind: 'edit'; canned: CannedMessage };

export function formFor(target: CannedTarget, departmentId = ''): CannedForm {
  return target.kind === 'edit'
    ? { shortcut: target.canned.shortcut, body: target.canned.body, departmentId: target.canned.departmentId ?? '' }
    : { shortcut: '', body: '', departmentId };
}

/**
 * The same rules the server applies (letters, digits, - and _; a body), so a
 * person fixes a shortcut before Save; the server still decides, and its
 * refusal is shown as it says it.
 */
export function checkCannedForm(
  form: CannedForm,
  target: CannedTarget,
): { ok: true; request: CannedSaveRequest } | { ok: false; errors: CannedErrors } {
  const errors: CannedErrors = {};
  // A leading `/` is how people think of a shortcut; it is not part of it.
  const shortcut = form.shortcut.trim().replace(/^\//, '');
  const body = form.body.trim();
  if (shortcut === '') errors.shortcut = 'Enter a shortcut, typed after / in the message box.';
  else if (!SHORTCUT_CHARACTERS.test(shortcut))
    errors.shortcut = 'Use letters, digits, - and _ only: no spaces (it is typed after /).';
  else if (shortcut.length > SHORTCUT_MAX_LENGTH)
    errors.shortcut = `Keep the shortcut to ${SHORTCUT_MAX_LENGTH} characters or fewer.`;
  if (body === '') errors.body = 'Enter the message to insert.';
  else if (body.length > LIMITS.messageMaxLength)
    errors.body = `Keep the message to ${LIMITS.messageMaxLength} characters or fewer.`;
  if (target.kind === 'department' && form.departmentId === '') errors.departmentId = 'Choose a department.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const scope: CannedSaveRequest['scope'] =
    target.kind === 'personal'
      ? { kind: 'personal' }
      : target.kind === 'department'
        ? { kind: 'department', departmentId: form.departmentId }
        : target.canned.scope === 'department' && target.canned.departmentId
          ? { kind: 'department', departmentId: target.canned.departmentId }
          : { kind: 'personal' };
  return {
    ok: true,
    request: { ...(target.kind === 'edit' ? { id: target.canned.id } : {}), scope, shortcut, body },
  };
}
