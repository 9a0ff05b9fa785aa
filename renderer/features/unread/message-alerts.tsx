import { useId } from 'react';
import { useConsole } from '../../store/store-context';
import { useAttention } from './use-attention';
import './unread.css';

/** The words the console uses when the browser will not show its notifications. */
export const NOTIFICATIONS_BLOCKED =
  'Notifications are blocked in this browser: Deskbell shows its alerts inside the page.';

/**
 * Alerts inside the page: a word on the browser's notifications (blocked, or
 * not yet allowed, with the button that asks), and the console's own alert
 * for each new message that arrived while the console was hidden and the
 * browser would not notify, each with "Open chat". A polite live region, so
 * a screen reader hears a new one without losing its place.
 */
export function MessageAlerts() {
  useAttention();
  const permission = useConsole((state) => state.alertPermission);
  const requestPermission = useConsole((state) => state.requestAlertPermission);
  const alerts = useConsole((state) => state.pageAlerts);
  const openFromAlert = useConsole((state) => state.openFromAlert);
  const dismiss = useConsole((state) => state.dismissPageAlert);
  const id = useId();
  return (
    <>
      {permission === 'denied' || permission === 'default' ? (
        // A landmark of its own, so nothing on the page sits outside one.
        <section className="notifications-note" aria-label="Notifications">
          {permission === 'denied' ? (
            <p role="note" data-notifications="blocked">
              {NOTIFICATIONS_BLOCKED}
            </p>
          ) : (
            <p role="note" data-notifications="ask">
              Deskbell can tell you about new messages while this tab is in the background.{' '}
              <button type="button" onClick={() => void requestPermission()}>
                Turn on notifications
              </button>
            </p>
          )}
        </section>
      ) : null}
      <section className="page-alerts" aria-labelledby={`${id}-title`} aria-live="polite">
        <h2 id={`${id}-title`} className="visually-hidden">
          Alerts
        </h2>
        {alerts.length > 0 ? (
          <ul className="page-alert-list">
            {alerts.map((alert) => (
              <li key={alert.id} className="page-alert" data-alert-for={alert.id}>
                <p className="page-alert-title">
                  {alert.kind === 'staff' ? 'Staff chat' : 'New message'} from {alert.from}
                </p>
                <p className="page-alert-words" dir="auto">
                  {alert.preview}
                </p>
                <div className="page-alert-actions">
                  <button type="button" className="primary" onClick={() => openFromAlert(alert.kind, alert.id)}>
                    Open chat
                  </button>
                  <button type="button" onClick={() => dismiss(alert.id)}>
                    Dismiss
                  </button>
                </div>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    </>
  );
}
