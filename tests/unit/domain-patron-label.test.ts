import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lengthCounter } from '../../src/domain/length-counter';
import { patronLabel, patronNumber } from '../../src/domain/patron-label';

const chat = (id: string, name: string | null) => ({ id, patron: { name } });

describe('what the staff call a patron', () => {
  it('is the name the patron gave, trimmed', () => {
    expect(patronLabel(chat('c1', '  Ada Lovelace '))).toBe('Ada Lovelace');
  });

  it('is "Patron" and four digits from the chat id when they gave no name (or only spaces)', () => {
    expect(patronLabel(chat('c1', null))).toMatch(/^Patron \d{4}$/);
    expect(patronLabel(chat('c1', '   '))).toBe(patronLabel(chat('c1', null)));
  });

  it('is the same for the same chat every time, and differs between chats', () => {
    const a = '6f1c2e1a-8c7b-4c1e-9d7a-1b2c3d4e5f60';
    const b = '6f1c2e1a-8c7b-4c1e-9d7a-1b2c3d4e5f61';
    expect(patronLabel(chat(a, null))).toBe(patronLabel(chat(a, null)));
    expect(patronLabel(chat(a, null))).not.toBe(patronLabel(chat(b, null)));
  });

  it('always draws four digits, whatever the id', () => {
    fc.assert(
      fc.property(fc.string(), (id) => {
        const digits = patronNumber(id);
        expect(digits).toBeGreaterThanOrEqual(1000);
        expect(digits).toBeLessThanOrEqual(9999);
      }),
    );
  });

  it('tells apart nearly every pair of a busy afternoon (50 chats)', () => {
    const labels = new Set(Array.from({ length: 50 }, (_, index) => patronNumber(`chat-${index}`)));
    expect(labels.size).toBeGreaterThanOrEqual(48);
  });
});

describe('the message box counter', () => {
  it('stays hidden while there is plenty of room', () => {
    expect(lengthCounter(3599, 4000)).toMatchObject({ band: 'room', count: null, problem: null, announcement: '' });
  });

  it('shows the count and the limit within a tenth of the limit', () => {
    expect(lengthCounter(3600, 4000)).toMatchObject({ band: 'near', count: '3,600 / 4,000', problem: null });
    expect(lengthCounter(1950, 2000).count).toBe('1,950 / 2,000');
  });

  it('says so at the limit and refuses clearly past it', () => {
    expect(lengthCounter(4000, 4000)).toMatchObject({ band: 'full', count: '4,000 / 4,000' });
    expect(lengthCounter(4001, 4000).problem).toBe(
      '1 character over the limit of 4,000: shorten the message to send it.',
    );
    expect(lengthCounter(4012, 4000).problem).toMatch(/^12 characters over/);
  });

  it('gives screen readers new words only when a threshold is crossed, not on each keystroke', () => {
    const spoken = new Set(Array.from({ length: 410 }, (_, typed) => lengthCounter(3600 + typed, 4000).announcement));
    expect(spoken.size).toBe(3);
    expect(lengthCounter(3700, 4000).announcement).toBe(lengthCounter(3999, 4000).announcement);
  });
});
