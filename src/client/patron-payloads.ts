import { z } from 'zod';
import { departmentSchema, messageSchema, patronChatViewSchema, patronFieldSchema } from '../protocol/models';

/**
 * Schemas for what the server sends the widget. The widget parses them like
 * any other input from outside, so a server of another version fails loudly
 * here instead of drawing half a chat.
 */
export const widgetConfigSchema = z.object({
  department: departmentSchema,
  online: z.boolean(),
  patronFields: z.array(patronFieldSchema),
});

export const patronChatStateSchema = z.object({
  chat: patronChatViewSchema,
  messages: z.array(messageSchema),
  queuePosition: z.number().int().positive().nullable().optional(),
});

/** `queue:position`: where the waiting chat stands (1 is next); null once it is no longer waiting. */
export const queuePositionSchema = z.object({
  chatId: z.string().min(1),
  position: z.number().int().positive().nullable(),
});

/** `chat:typing`: the librarian is typing, or stopped (never the text). */
export const patronTypingNoticeSchema = z.object({
  chatId: z.string().min(1),
  typing: z.boolean(),
  name: z.string(),
});

export const startChatResultSchema = patronChatStateSchema.extend({
  resumeToken: z.string().min(1),
});

export const sendResultSchema = z.object({ message: messageSchema });

export const leaveResultSchema = z.object({ chat: patronChatViewSchema });
