import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { useConsole } from '../../store/store-context';
import { SaveOutcome } from './save-outcome';

/** Zones the browser knows; an older engine without `supportedValuesOf` offers at least the one in use. */
function knownZones(current: string | null): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const all = new Set(zones);
  // The browser lists canonical names only ("UTC" may be missing); the library's own choice is always offered.
  if (current) all.add(current);
  all.add('UTC');
  return [...all].sort();
}

/** The library's time zone: every department's hours are read in it. */
export function TimeZoneForm() {
  const timeZone = useConsole((state) => state.libraryTimeZone);
  const save = useConsole((state) => state.setLibraryTimeZone);
  const [chosen, setChosen] = useState(timeZone ?? '');
  const [refusal, setRefusal] = useState<string | null>(null);
  const [saved, setSaved] = useState('');
  const [busy, setBusy] = useState(false);
  const zones = useMemo(() => knownZones(timeZone), [timeZone]);
  const id = useId();

  useEffect(() => setChosen(timeZone ?? ''), [timeZone]);

  if (timeZone === null) return null;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setRefusal(null);
    setSaved('');
    setBusy(true);
    const refused = await save(chosen);
    setBusy(false);
    if (refused) setRefusal(refused);
    else setSaved('Saved.');
  };
  return (
    <form className="admin-inline-form" aria-label="Library’s time zone" onSubmit={(event) => void submit(event)}>
      <label htmlFor={`${id}-zone`}>Library’s time zone</label>
      <select
        id={`${id}-zone`}
        value={chosen}
        aria-describedby={`${id}-hint`}
        onChange={(event) => setChosen(event.target.value)}
      >
        {zones.map((zone) => (
          <option key={zone} value={zone}>
            {zone.replaceAll('_', ' ')}
          </option>
        ))}
      </select>
      <button type="submit" disabled={busy || chosen === timeZone}>
        {busy ? 'Saving…' : 'Save time zone'}
      </button>
      <p className="settings-hint" id={`${id}-hint`}>
        Hours of service and closed dates are read in this zone.
      </p>
      <SaveOutcome saved={saved} refusal={refusal} />
    </form>
  );
}
