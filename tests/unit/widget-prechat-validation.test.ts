import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { startChatRequestSchema } from '../../src/protocol/requests';
import { LIMITS } from '../../src/protocol/limits';
import { emptyPrechat, validatePrechat } from '../../widget/frame/prechat-validation';

const fields = [{ key: 'library_card', label: 'Library card number' }];
const page = { pageUrl: 'https://riverside.example/hours', referrer: null };

describe('the pre-chat form', () => {
  it('asks for the question when the patron leaves it blank', () => {
    const result = validatePrechat({ ...emptyPrechat(), question: '   ' }, fields, page);
    expect(result).toEqual({ ok: false, errors: { question: 'Please type your question.' } });
  });

  it('lets a patron ask with only a question, leaving name, email and the library card out', () => {
    const result = validatePrechat({ ...emptyPrechat(), question: '  Where are the tax forms? ' }, fields, page);
    expect(result).toEqual({
      ok: true,
      form: {
        question: 'Where are the tax forms?',
        name: null,
        email: null,
        extraFields: {},
        pageUrl: 'https://riverside.example/hours',
        referrer: null,
      },
    });
  });

  it('explains an email address that is not one, next to the email field', () => {
    const result = validatePrechat({ ...emptyPrechat(), question: 'Hi', email: 'pat at example' }, fields, page);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(Object.keys(result.errors)).toEqual(['email']);
      expect(result.errors.email).toMatch(/name@example\.com/);
    }
  });

  it('names the library field that is too long', () => {
    const long = 'x'.repeat(LIMITS.extraFieldValueMaxLength + 1);
    const result = validatePrechat({ ...emptyPrechat(), question: 'Hi', extra: { library_card: long } }, fields, page);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors['extra.library_card']).toMatch(/^Library card number is too long/);
  });

  it('sends the extra fields the patron filled in, trimmed, and ignores keys the library did not configure', () => {
    const result = validatePrechat(
      { question: 'Renewal', name: ' Pat ', email: 'pat@example.org', extra: { library_card: ' 2900 ', other: 'x' } },
      fields,
      page,
    );
    expect(result.ok && result.form).toMatchObject({
      name: 'Pat',
      email: 'pat@example.org',
      extraFields: { library_card: '2900' },
    });
  });

  it('never sends a form the server would refuse', () => {
    const text = fc.string({ maxLength: 60 });
    fc.assert(
      fc.property(text, text, fc.oneof(text, fc.emailAddress()), text, (question, name, email, card) => {
        const result = validatePrechat({ question, name, email, extra: { library_card: card } }, fields, page);
        if (result.ok) {
          expect(startChatRequestSchema.safeParse({ ...result.form, departmentId: 'general-reference' }).success).toBe(
            true,
          );
        } else {
          expect(Object.keys(result.errors).length).toBeGreaterThan(0);
        }
      }),
    );
  });
});
