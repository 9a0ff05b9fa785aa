import type { ChatSummary } from '../../src/protocol/models';
import { hashToken } from '../auth/tokens';
import type { DeskbellContext } from '../context';

/**
 * The chat a resume token opens, or undefined. The widget keeps an ended
 * chat's token to link the browser's next chat to it; once that next chat
 * exists, the old token opens nothing, so whoever uses the browser later
 * cannot read it back.
 */
export async function findResumableChat(ctx: DeskbellContext, resumeToken: string): Promise<ChatSummary | undefined> {
  const chat = await ctx.repos.chats.findByResumeTokenHash(hashToken(resumeToken));
  if (!chat) return undefined;
  if (chat.status === 'ended' && (await ctx.repos.chats.hasLaterInLineage(chat))) return undefined;
  return chat;
}
