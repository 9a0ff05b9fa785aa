import { z } from 'zod';
import { idSchema, patronFieldSchema, questionTypeSchema } from './models';

/**
 * Desk settings an admin edits on the Administration page (issue 13): the
 * analytics entry's Question Types, the pre-chat form's extra fields and the
 * widget's words. Plain JSON over HTTP like the rest of `/api/admin/*`; every
 * change is pushed to open consoles and widgets, so nobody has to reload.
 */

export const DESK_SETTINGS_PATHS = {
  settings: '/api/admin/settings',
  questionTypes: '/api/admin/settings/question-types',
  patronFields: '/api/admin/settings/patron-fields',
  widgetTexts: '/api/admin/settings/widget-texts',
} as const;

/**
 * The widget's words. `{department}` in a text is replaced by the
 * department's name, so one greeting serves every department.
 */
export const widgetTextsSchema = z.strictObject({
  /** Shown above the department's name in the widget's header; empty shows none. */
  libraryName: z.string().trim().max(80, 'is longer than 80 characters'),
  /** Above the pre-chat form. */
  greeting: z.string().trim().min(1, 'is empty').max(500, 'is longer than 500 characters'),
  /** Outside the department's hours, under "The desk is closed; it opens ...". */
  closedText: z.string().trim().min(1, 'is empty').max(500, 'is longer than 500 characters'),
  /** When nobody monitoring the department is Online, under "No librarians are online right now". */
  offlineText: z.string().trim().min(1, 'is empty').max(500, 'is longer than 500 characters'),
});
export type WidgetTexts = z.infer<typeof widgetTextsSchema>;

/** The words as consoles and widgets read them: a newer server's extra words are no reason to refuse these. */
export const widgetTextsViewSchema = z.object({
  libraryName: z.string(),
  greeting: z.string(),
  closedText: z.string(),
  offlineText: z.string(),
});

/** The words a library starts with (the widget's words before they could be edited). */
export const DEFAULT_WIDGET_TEXTS: WidgetTexts = {
  libraryName: '',
  greeting: 'Ask us anything. A librarian from {department} will answer right here.',
  closedText:
    '{department} chat is answered during its hours of service. Please come back then, or call or visit the library.',
  offlineText:
    'Nobody is answering {department} chats at the moment. Please try again during library hours, or call or visit the library.',
};

/** A Question Type as the Administration page lists it: retired ones stay, so saved analytics keep their label. */
export const adminQuestionTypeSchema = questionTypeSchema.extend({ active: z.boolean() });
export type AdminQuestionType = z.infer<typeof adminQuestionTypeSchema>;

const labelSchema = z.string().trim().min(1, 'is empty').max(80, 'is longer than 80 characters');

/**
 * The active Question Types in the order the analytics entry offers them. An
 * entry without `id` is new; a type left out is retired; a retired type's
 * id brings it back.
 */
export const questionTypesRequestSchema = z.strictObject({
  types: z
    .array(
      z.strictObject({
        id: idSchema.optional(),
        label: labelSchema,
        /** How reference statistics count it; left out, a type keeps its count (a new one is 'reference'). */
        countsAs: z.enum(['reference', 'directional']).optional(),
      }),
    )
    .min(1, 'keep at least one question type')
    .max(50, 'has more than 50 question types')
    .refine(
      (types) => new Set(types.map((type) => type.label.toLowerCase())).size === types.length,
      'has two question types with the same label',
    ),
});
export type QuestionTypesRequest = z.input<typeof questionTypesRequestSchema>;

/** The pre-chat form's extra fields, in order. A field without `key` is new (its key is made from the label). */
export const patronFieldsRequestSchema = z.strictObject({
  fields: z
    .array(
      z.strictObject({
        key: patronFieldSchema.shape.key.optional(),
        label: labelSchema,
        required: z.boolean().default(false),
      }),
    )
    .max(20, 'has more than 20 fields')
    .refine(
      (fields) =>
        new Set(fields.flatMap((field) => (field.key ? [field.key] : []))).size ===
        fields.filter((field) => field.key).length,
      'has two fields with the same key',
    ),
});
export type PatronFieldsRequest = z.input<typeof patronFieldsRequestSchema>;

export const deskSettingsSchema = z.object({
  /** Every Question Type, retired ones too (active first, in order). */
  questionTypes: z.array(adminQuestionTypeSchema),
  patronFields: z.array(patronFieldSchema),
  widgetTexts: widgetTextsViewSchema,
});
export type DeskSettings = z.infer<typeof deskSettingsSchema>;

/** Pushed to every open console (`desk:settings`): the lists console:sync gave it, as they now are. */
export const consoleDeskSettingsSchema = z.object({
  questionTypes: z.array(questionTypeSchema),
  patronFields: z.array(patronFieldSchema),
});
export type ConsoleDeskSettings = z.infer<typeof consoleDeskSettingsSchema>;

/** Pushed to every open widget (`widget:settings`): the desk-wide part of its widget:config. */
export const widgetSettingsSchema = z.object({
  patronFields: z.array(patronFieldSchema),
  texts: widgetTextsViewSchema,
});
export type WidgetSettings = z.infer<typeof widgetSettingsSchema>;
