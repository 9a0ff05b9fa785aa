import type { Message, PatronChatView } from '../../src/protocol/models';

/**
 * The chat as a plain-text file the patron keeps: the question, then every line with its time, in
 * the patron's own time zone and language (the widget formats it, so nothing is asked of the server).
 */
export function transcriptText(chat: PatronChatView, messages: readonly Message[], libraryName: string): string {
  const when = (at: number) => new Date(at).toLocaleString();
  const lines = messages.map((message) => {
    const who = message.authorKind === 'patron' ? 'You' : message.authorName;
    return message.authorKind === 'system'
      ? `[${when(message.createdAt)}] ${message.body}`
      : `[${when(message.createdAt)}] ${who}: ${message.body}`;
  });
  return [
    `${libraryName || 'Library'} chat: ${chat.departmentName}`,
    `Your question: ${chat.question}`,
    '',
    ...lines,
    '',
  ].join('\n');
}

/** Saves `text` as a file through a download link (the widget's frame allows downloads). */
export function saveTextFile(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
