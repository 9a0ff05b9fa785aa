import { useEffect, useId, useRef, useState } from 'react';
import { useConsole } from '../../store/store-context';

/**
 * The temporary password the server just made, shown this once: the admin
 * hands it on. It takes the focus when it appears, so a screen reader reads
 * it out; Done forgets it (so does leaving the page).
 */
export function TemporaryPasswordBox() {
  const notice = useConsole((state) => state.temporaryPassword);
  const dismiss = useConsole((state) => state.dismissTemporaryPassword);
  const [copied, setCopied] = useState('');
  const box = useRef<HTMLElement>(null);
  const id = useId();

  useEffect(() => {
    setCopied('');
    if (notice) box.current?.focus();
  }, [notice]);

  if (!notice) return null;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(notice.password);
      setCopied('Copied.');
    } catch {
      setCopied('Copying did not work here: select the password and copy it yourself.');
    }
  };
  return (
    <section
      ref={box}
      tabIndex={-1}
      className="temporary-password"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-words`}
      data-temporary-password-for={notice.accountId}
    >
      <h3 id={`${id}-title`}>
        {notice.reason === 'created' ? 'Account added' : 'Password reset'}: temporary password for{' '}
        <bdi dir="auto">{notice.displayName}</bdi>
      </h3>
      <p id={`${id}-words`}>
        Give this temporary password to <bdi dir="auto">{notice.displayName}</bdi>. They choose their own at first
        login.
      </p>
      <div className="temporary-password-row">
        <span>Temporary password:</span>
        <code className="temporary-password-value">{notice.password}</code>
        <button type="button" onClick={() => void copy()}>
          Copy
        </button>
        <button type="button" onClick={dismiss}>
          Done
        </button>
      </div>
      <p className="settings-status" role="status">
        {copied}
      </p>
    </section>
  );
}
