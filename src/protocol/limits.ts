/** Limits shared by the server (which enforces them) and the clients (which show them). */
export const LIMITS = {
  messageMaxLength: 4000,
  questionMaxLength: 2000,
  nameMaxLength: 120,
  emailMaxLength: 254,
  notesMaxLength: 4000,
  extraFieldValueMaxLength: 500,
  extraFieldsMax: 20,
  urlMaxLength: 2048,
  /** Upper bound on Time Spent in the analytics entry: a whole working day. */
  timeSpentMaxMinutes: 600,
  /** Chats one console:sync catches up; a console lists at most these (newest first), the server follows no more. */
  syncedChatsMax: 500,
} as const;
