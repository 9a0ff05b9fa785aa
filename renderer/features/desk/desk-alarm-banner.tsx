import { useNow } from '../../shared/use-now';
import { darkDeskWords } from '../../store/desk-alerts';
import { useConsole } from '../../store/store-context';
import './desk.css';

/**
 * The console's own pop-up of a dark-desk alarm, for supervisors and admins
 * (the desktop's and the browser's notifications may be off or unseen): stays
 * until dismissed or the department is covered again. An alert region, so a
 * screen reader says it at once.
 */
export function DeskAlarmBanner() {
  const alarms = useConsole((state) => state.deskAlarms);
  const openDesk = useConsole((state) => state.openDesk);
  const dismiss = useConsole((state) => state.dismissDeskAlarm);
  const now = useNow(15_000);
  // Nothing on the page until there is an alarm: an alert region says what is inserted into it.
  if (alarms.length === 0) return null;
  return (
    <section className="desk-alarms" aria-label="Desk alarms">
      <div role="alert">
        {alarms.map((department) => (
          <div key={department.id} className="desk-alarm" data-desk-alarm={department.id}>
            <p>
              <strong>Dark desk: {department.name}.</strong> {darkDeskWords(department, now)}
            </p>
            <button type="button" className="primary" onClick={openDesk}>
              Open the Desk view
            </button>
            <button type="button" onClick={() => dismiss(department.id)}>
              Dismiss
            </button>
          </div>
        ))}
      </div>
    </section>
  );
}
