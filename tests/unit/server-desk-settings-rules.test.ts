import { describe, expect, it } from 'vitest';
import { AdminRefusal } from '../../server/admin/account-admin';
import { planPatronFields, planQuestionTypes } from '../../server/settings/desk-settings-rules';

const EXISTING = [
  { id: 'directional', label: 'Directional', active: true, countsAs: 'directional' as const },
  { id: 'reference', label: 'Reference', active: true, countsAs: 'reference' as const },
  { id: 'policy', label: 'Policy', active: false, countsAs: 'reference' as const },
];

describe('what an admin’s Question Type list becomes', () => {
  it('a renamed type gets a row of its own, so analytics saved under the old name keep it', () => {
    expect(
      planQuestionTypes(EXISTING, [
        { id: 'reference', label: 'Research question' },
        { id: 'directional', label: 'Directional' },
      ]),
    ).toEqual([
      { id: 'research-question', label: 'Research question', countsAs: 'reference' },
      // Left out, a type keeps how it counts.
      { id: 'directional', label: 'Directional', countsAs: 'directional' },
    ]);
  });

  it('a new type with a retired one’s label brings that one back; a taken id gets a number', () => {
    expect(planQuestionTypes(EXISTING, [{ label: 'Policy', countsAs: 'directional' }, { label: 'reference' }])).toEqual(
      [
        { id: 'policy', label: 'Policy', countsAs: 'directional' },
        { id: 'reference-2', label: 'reference', countsAs: 'reference' },
      ],
    );
  });

  it('an id the desk never had is refused, naming the entry', () => {
    expect(() => planQuestionTypes(EXISTING, [{ id: 'nope', label: 'Nope' }])).toThrow(AdminRefusal);
    expect(() => planQuestionTypes(EXISTING, [{ id: 'nope', label: 'Nope' }])).toThrow(
      'types.0.id: there is no question type "nope".',
    );
  });
});

describe('what an admin’s pre-chat fields become', () => {
  it('a field keeps its key; a new one gets a key from its label, never one already used', () => {
    expect(
      planPatronFields(
        [{ key: 'library_card', label: 'Library card number' }],
        [
          { key: 'library_card', label: 'Card number', required: true },
          { label: 'Library card', required: false },
          { label: '2nd phone' },
        ],
      ),
    ).toEqual([
      { key: 'library_card', label: 'Card number', required: true },
      { key: 'library_card_2', label: 'Library card', required: false },
      { key: 'field_2nd_phone', label: '2nd phone', required: false },
    ]);
  });
});
