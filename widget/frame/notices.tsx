/** The short screens before a chat: connecting, offline, errors. */

export function Connecting({ text }: { text: string }) {
  return (
    <div className="notice" role="status">
      <p>{text}</p>
    </div>
  );
}

/** Outside the department's hours of service: closed, and when it opens next. */
export function DeskClosed({
  departmentName,
  opensText,
  onRetry,
}: {
  departmentName: string;
  opensText: string | null;
  onRetry: () => void;
}) {
  return (
    <div className="notice" role="status">
      <h2>{opensText ? `The desk is closed; it opens ${opensText}` : 'The desk is closed'}</h2>
      <p>
        {departmentName} chat is answered during its hours of service. Please come back then, or call or visit the
        library.
      </p>
      <button type="button" data-autofocus onClick={onRetry}>
        Check again
      </button>
    </div>
  );
}

export function NobodyOnline({ departmentName, onRetry }: { departmentName: string; onRetry: () => void }) {
  return (
    <div className="notice" role="status">
      <h2>No librarians are online right now</h2>
      <p>
        Nobody is answering {departmentName} chats at the moment. Please try again during library hours, or call or
        visit the library.
      </p>
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
