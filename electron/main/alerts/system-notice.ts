import type { NewChatAlert } from '../../../src/protocol';

/**
 * The words of an OS notification for a new patron chat: who, which
 * department, and the first words of the question, as the pop-up shows them.
 */
export function systemNotice(alert: NewChatAlert): { id: string; title: string; message: string } {
  const question = alert.preview.trim() || '(no question yet)';
  const note = alert.note ? `\n${alert.note}` : '';
  const message = alert.kind === 'chat-message' || alert.kind === 'staff-message' || alert.kind === 'desk-alarm';
  return {
    id: alert.chatId,
    title: message ? `${alert.departmentName} from ${alert.patronName}` : `New patron chat — ${alert.departmentName}`,
    message: `${alert.patronName}: ${question}${note}`,
  };
}
