import { useId } from 'react';
import { useConsole } from '../../store/store-context';

interface MonitorCheckboxesProps {
  selected: readonly string[];
  onChange(ids: string[]): void;
}

/**
 * Who monitors a department: a checkbox per active staff account. Their new
 * chats pop up for these people (the staff guide's "Chat Department channel
 * that you are monitoring").
 */
export function MonitorCheckboxes({ selected, onChange }: MonitorCheckboxesProps) {
  const accounts = useConsole((state) => state.accounts);
  const id = useId();
  const active = (accounts ?? [])
    .filter((account) => account.active)
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
  return (
    <fieldset className="admin-departments">
      <legend>Monitored by</legend>
      {accounts === null ? <p role="status">Loading the staff accounts…</p> : null}
      {accounts !== null && active.length === 0 ? <p className="empty">No active staff accounts.</p> : null}
      {active.map((account) => (
        <div className="settings-check" key={account.id}>
          <input
            id={`${id}-${account.id}`}
            type="checkbox"
            checked={selected.includes(account.id)}
            onChange={(event) =>
              onChange(
                event.target.checked
                  ? [...selected, account.id]
                  : selected.filter((accountId) => accountId !== account.id),
              )
            }
          />
          <label htmlFor={`${id}-${account.id}`}>
            <bdi dir="auto">{account.displayName}</bdi>
          </label>
        </div>
      ))}
    </fieldset>
  );
}
