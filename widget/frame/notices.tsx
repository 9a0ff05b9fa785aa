/** The short screens before a chat: connecting, offline, errors. */

export function Connecting({ text }: { text: string }) {
  return (
    <div className="notice" role="status">
      <p>{text}</p>
    </div>
  );
}

/** Outside the department's hours of service: closed, and when it opens next; then the library's own words. */
export function DeskClosed({
  opensText,
  text,
  onRetry,
}: {
  opensText: string | null;
  /** The library's closed text, its department named already (desk-text.ts). */
  text: string;
  onRetry: () => void;
}) {
  return (
    <div className="notice" role="status">
      <h2>{opensText ? `The desk is closed; it opens ${opensText}` : 'The desk is closed'}</h2>
      <p>{text}</p>
      <button type="button" data-autofocus onClick={onRetry}>
        Check again
      </button>
    </div>
  );
}

/** Nobody monitoring the department is Online; then the library's own words. */
export function NobodyOnline({ text, onRetry }: { text: string; onRetry: () => void }) {
  return (
    <div className="notice" role="status">
      <h2>No librarians are online right now</h2>
      <p>{text}</p>
      <button type="button" data-autofocus onClick={onRetry}>
        Check again
      </button>
    </div>
  );
}

export function Problem({ text, onRetry }: { text: string; onRetry?: () => void }) {
  return (
    <div className="notice">
      <p role="alert">{text}</p>
      {onRetry && (
        <button type="button" data-autofocus onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
