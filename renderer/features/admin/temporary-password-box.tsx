import { useEffect, useId, useRef, useState } from 'react';
import { SETUP_HASH_PREFIX, SETUP_LINK_DAYS } from '../../../src/protocol';
import { useConsole } from '../../store/store-context';

/**
 * The temporary password the server just made, shown this once: the admin
 * hands it on. It takes the focus when it appears, so a screen reader reads
 * it out; Done forgets it (so does leaving the page).
 */
export function TemporaryPasswordBox() {
  const notice = useConsole((state) => state.temporaryPassword);
  // The desktop app's server, or this page's own: where the person will open the link.
  const server = useConsole((state) => state.desktopSettings?.serverUrl ?? window.location.origin);
  const dismiss = useConsole((state) => state.dismissTemporaryPassword);
  const [copied, setCopied] = useState('');
  const box = useRef<HTMLElement>(null);
  const id = useId();

  useEffect(() => {
    setCopied('');
    if (notice) box.current?.focus();
  }, [notice]);

  if (!notice) return null;
  const link = `${server.replace(/\/$/, '')}/console/${SETUP_HASH_PREFIX}${encodeURIComponent(notice.setupToken)}`;
  const copy = async (text: string, what: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(`${what} copied.`);
    } catch {
      setCopied(`Copying did not work here: select the ${what.toLowerCase()} and copy it yourself.`);
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
        login. Or send them the one-time set-up link instead (it works once, for {SETUP_LINK_DAYS} days): they open it
        and choose their password there.
      </p>
      <div className="temporary-password-row">
        <span>Temporary password:</span>
        <code className="temporary-password-value">{notice.password}</code>
        <button type="button" onClick={() => void copy(notice.password, 'Password')}>
          Copy
        </button>
      </div>
      <div className="temporary-password-row">
        <span>Set-up link:</span>
        <code className="setup-link-value">{link}</code>
        <button type="button" onClick={() => void copy(link, 'Link')}>
          Copy link
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
