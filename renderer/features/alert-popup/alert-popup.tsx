import { useEffect, useId, useState } from 'react';
import type { DesktopBridge, NewChatAlert, PopupAction } from '../../../src/protocol';
import './alert-popup.css';

type Phase =
  { kind: 'loading' } | { kind: 'none' } | { kind: 'shown'; alert: NewChatAlert; sent: PopupAction['action'] | null };

/**
 * The lower-right pop-up's page: who is asking, where, and the first words of
 * the question, with Claim Chat, Preview and Dismiss. It asks the desktop
 * which alert it shows (`popupAlert`) and answers with `popupAction`; the
 * desktop's main process closes the window and tells the console. The window
 * never takes keyboard focus, so everything here works with a click.
 */
export function AlertPopup({ bridge }: { bridge: DesktopBridge }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const id = useId();

  useEffect(() => {
    let live = true;
    bridge.popupAlert().then(
      (alert) => {
        if (!live) return;
        setPhase(alert ? { kind: 'shown', alert, sent: null } : { kind: 'none' });
        document.title = alert ? `New chat: ${alert.patronName} – Deskbell` : 'Deskbell';
      },
      () => live && setPhase({ kind: 'none' }),
    );
    return () => {
      live = false;
    };
  }, [bridge]);

  if (phase.kind === 'loading') return <main className="alert-popup alert-popup-empty" aria-busy="true" />;
  if (phase.kind === 'none') {
    return (
      <main className="alert-popup alert-popup-empty">
        <p role="status">This chat is no longer waiting.</p>
      </main>
    );
  }

  const { alert, sent } = phase;
  // A message in a chat already answered (or a staff chat) opens it; only a new chat is claimed.
  const isDeskAlarm = alert.kind === 'desk-alarm';
  const isMessage = alert.kind === 'chat-message' || alert.kind === 'staff-message' || isDeskAlarm;
  const act = (action: PopupAction['action']) => {
    // One answer per pop-up: a second click while the window closes must not claim twice.
    if (sent) return;
    setPhase({ kind: 'shown', alert, sent: action });
    bridge.popupAction({ chatId: alert.chatId, action });
  };

  return (
    <main
      className="alert-popup"
      aria-labelledby={`${id}-name`}
      aria-describedby={`${id}-question`}
      data-chat-id={alert.chatId}
    >
      <div className="alert-popup-text">
        <p className="alert-popup-kicker">
          <span className="alert-popup-bell" aria-hidden="true" />
          {isMessage ? '' : 'New chat · '}
          <bdi className="alert-popup-department">{alert.departmentName}</bdi>
        </p>
        <h1 className="alert-popup-name" id={`${id}-name`} dir="auto">
          {alert.patronName}
        </h1>
        <p className="alert-popup-question" id={`${id}-question`} dir="auto">
          {alert.preview}
        </p>
        {alert.note ? (
          <p className="alert-popup-note" dir="auto">
            {alert.note}
          </p>
        ) : null}
      </div>
      <div className="alert-popup-actions">
        {isMessage ? (
          <button type="button" className="primary" disabled={sent !== null} onClick={() => act('open')}>
            {isDeskAlarm ? 'Open the Desk view' : 'Open chat'}
          </button>
        ) : (
          <>
            <button type="button" className="primary" disabled={sent !== null} onClick={() => act('claim')}>
              Claim Chat
            </button>
            <button type="button" disabled={sent !== null} onClick={() => act('preview')}>
              Preview
            </button>
          </>
        )}
      </div>
      <button
        type="button"
        className="alert-popup-dismiss"
        aria-label="Dismiss"
        title="Dismiss"
        disabled={sent !== null}
        onClick={() => act('dismiss')}
      >
        <span aria-hidden="true">×</span>
      </button>
    </main>
  );
}
