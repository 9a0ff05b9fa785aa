import type { Department, PatronField, QuestionType } from '../../src/protocol/models';

/** The department the demo page's widget asks in (`data-department="general-reference"`). */
export const GENERAL_REFERENCE: Department = { id: 'general-reference', name: 'General Reference' };
export const RESEARCH_HELP: Department = { id: 'research-help', name: 'Research Help' };

/** The Question Type list a library starts with; `deskbell.json` can replace it. */
export const DEFAULT_QUESTION_TYPES: QuestionType[] = [
  { id: 'directional', label: 'Directional', countsAs: 'directional' },
  { id: 'reference', label: 'Reference', countsAs: 'reference' },
  { id: 'technical', label: 'Technical', countsAs: 'reference' },
  { id: 'policy', label: 'Policy', countsAs: 'directional' },
  { id: 'other', label: 'Other', countsAs: 'reference' },
];

export const LIBRARY_CARD_FIELD: PatronField = { key: 'library_card', label: 'Library card number' };
