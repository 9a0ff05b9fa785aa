import { messageParts } from '../../src/domain/message-links';

/**
 * A message body as the patron sees it: text, with web addresses, email
 * addresses and DOIs as links (`src/domain/message-links.ts`, the console's
 * rule too) that open in a new tab and tell the new page nothing of the chat.
 * React text nodes and anchors only: nothing in a message becomes markup.
 */
export function MessageText({ body }: { body: string }) {
  const parts = messageParts(body);
  if (parts.every((part) => part.kind === 'text')) return body;
  return parts.map((part) =>
    part.kind === 'text' ? (
      part.text
    ) : (
      <a key={part.start} href={part.href} target="_blank" rel="noopener noreferrer">
        {part.text}
      </a>
    ),
  );
}
