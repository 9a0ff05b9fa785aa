import { describe, expect, it } from 'vitest';
import { checkDisplayName, checkPasswordChange } from '../../renderer/features/account/password-rules';
import { describeChange, formatLastSeen } from '../../renderer/features/admin/admin-format';
import { PASSWORD_MIN_LENGTH } from '../../src/protocol';

const LONG_ENOUGH = 'x'.repeat(PASSWORD_MIN_LENGTH);

describe('choosing a new password', () => {
  it('a long enough new password typed the same twice is ready to send', () => {
    expect(
      checkPasswordChange({
        currentPassword: 'tulip-harbor-42',
        newPassword: LONG_ENOUGH,
        repeatPassword: LONG_ENOUGH,
      }),
    ).toEqual({ ok: true, request: { currentPassword: 'tulip-harbor-42', newPassword: LONG_ENOUGH } });
  });

  it(`a new password shorter than ${PASSWORD_MIN_LENGTH} characters is sent back with the length to reach`, () => {
    const short = LONG_ENOUGH.slice(1);
    const check = checkPasswordChange({ currentPassword: 'old', newPassword: short, repeatPassword: short });
    expect(check).toEqual({
      ok: false,
      errors: { newPassword: `Choose a new password of at least ${PASSWORD_MIN_LENGTH} characters.` },
    });
  });

  it('two new passwords that differ are caught before anything is sent', () => {
    const check = checkPasswordChange({
      currentPassword: 'old',
      newPassword: LONG_ENOUGH,
      repeatPassword: `${LONG_ENOUGH}y`,
    });
    expect(check.ok).toBe(false);
    if (!check.ok) expect(Object.keys(check.errors)).toEqual(['repeatPassword']);
  });

  it('an empty current password is asked for in the words of the form it is on', () => {
    const check = checkPasswordChange(
      { currentPassword: '', newPassword: LONG_ENOUGH, repeatPassword: LONG_ENOUGH },
      'temporary password',
    );
    expect(check).toEqual({ ok: false, errors: { currentPassword: 'Enter your temporary password.' } });
  });

  it('keeping the temporary password as the new one is not a change', () => {
    const check = checkPasswordChange({
      currentPassword: LONG_ENOUGH,
      newPassword: LONG_ENOUGH,
      repeatPassword: LONG_ENOUGH,
    });
    expect(check.ok).toBe(false);
  });
});

describe('changing the name colleagues see', () => {
  it('the name is kept trimmed; an empty one or one over 80 characters is refused', () => {
    expect(checkDisplayName('  Pat Lee ')).toEqual({ ok: true, displayName: 'Pat Lee' });
    expect(checkDisplayName('   ')).toEqual({ ok: false, error: 'Enter a name.' });
    expect(checkDisplayName('p'.repeat(81)).ok).toBe(false);
  });
});

describe('the Administration page at a glance', () => {
  it('someone who never logged in was last seen "never"; a recent visit reads as time ago', () => {
    const now = 1_700_000_000_000;
    expect(formatLastSeen(null, now)).toBe('never');
    expect(formatLastSeen(now - 10_000, now)).toBe('just now');
    expect(formatLastSeen(now - 5 * 60_000, now)).toMatch(/5/);
  });

  it("the audit log's change shows only what differs, before -> after", () => {
    expect(
      describeChange(
        { role: 'operator', active: true, displayName: 'Pat' },
        { role: 'admin', active: true, displayName: 'Pat' },
      ),
    ).toBe('role: operator → admin');
    expect(describeChange(null, { username: 'pat', departmentIds: ['a', 'b'] })).toBe(
      'username: pat; departmentIds: a, b',
    );
    expect(describeChange(null, null)).toBe('');
  });
});
