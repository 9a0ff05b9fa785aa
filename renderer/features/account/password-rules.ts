import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, type ChangePasswordRequest } from '../../../src/protocol';

/**
 * The rules of the own-account forms, checked before anything is sent: the
 * same lengths the server enforces (src/protocol/admin.ts), so a librarian
 * hears what to fix at once, in words, beside the field.
 */

/** The change-password form as typed. */
export interface PasswordChangeForm {
  currentPassword: string;
  newPassword: string;
  repeatPassword: string;
}

export type PasswordField = keyof PasswordChangeForm;
export type PasswordErrors = Partial<Record<PasswordField, string>>;

export type PasswordCheck = { ok: true; request: ChangePasswordRequest } | { ok: false; errors: PasswordErrors };

export const emptyPasswordForm: PasswordChangeForm = { currentPassword: '', newPassword: '', repeatPassword: '' };

/** Checks the form; `current` names what the first field holds ("current password" or "temporary password"). */
export function checkPasswordChange(form: PasswordChangeForm, current = 'current password'): PasswordCheck {
  const errors: PasswordErrors = {};
  if (form.currentPassword.length === 0) errors.currentPassword = `Enter your ${current}.`;
  if (form.newPassword.length < PASSWORD_MIN_LENGTH) {
    errors.newPassword = `Choose a new password of at least ${PASSWORD_MIN_LENGTH} characters.`;
  } else if (form.newPassword.length > PASSWORD_MAX_LENGTH) {
    errors.newPassword = `Choose a new password of at most ${PASSWORD_MAX_LENGTH} characters.`;
  } else if (form.newPassword === form.currentPassword) {
    errors.newPassword = `Choose a new password different from your ${current}.`;
  }
  if (!errors.newPassword && form.repeatPassword !== form.newPassword) {
    errors.repeatPassword = 'The two new passwords are not the same. Type it again.';
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, request: { currentPassword: form.currentPassword, newPassword: form.newPassword } };
}

export const DISPLAY_NAME_MAX_LENGTH = 80;

/** The name as the server will keep it (trimmed), or what is wrong with it. */
export function checkDisplayName(text: string): { ok: true; displayName: string } | { ok: false; error: string } {
  const displayName = text.trim();
  if (displayName.length === 0) return { ok: false, error: 'Enter a name.' };
  if (displayName.length > DISPLAY_NAME_MAX_LENGTH) {
    return { ok: false, error: `Shorten the name to ${DISPLAY_NAME_MAX_LENGTH} characters or fewer.` };
  }
  return { ok: true, displayName };
}
