import { useId, useState } from 'react';
import { READ_LEVELS } from '../../../src/protocol/reports';
import { useConsole } from '../../store/store-context';
import { SaveOutcome } from './save-outcome';

/**
 * The READ scale (Reference Effort Assessment Data, 1 to 6) in the analytics entry: off by default;
 * a library that reports effort turns it on, and every console's entry asks for it from then on.
 */
export function ReadScaleToggle({ enabled }: { enabled: boolean }) {
  const save = useConsole((state) => state.saveReadScale);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);
  const id = useId();
  const toggle = async (on: boolean) => {
    setBusy(true);
    setRefusal(null);
    const refused = await save(on);
    setBusy(false);
    if (refused) setRefusal(refused);
    else
      setStatus(on ? 'The analytics entry now asks for the READ scale.' : 'The analytics entry no longer asks for it.');
  };
  return (
    <div className="admin-list-form">
      <p className="settings-hint" id={`${id}-hint`}>
        Librarians choose how much effort a question took, from {READ_LEVELS[0].level} (
        {READ_LEVELS[0].words.toLowerCase()}) to {READ_LEVELS[5].level} ({READ_LEVELS[5].words.toLowerCase()}). Reports
        count the levels.
      </p>
      <label className="checkbox-label">
        <input
          type="checkbox"
          checked={enabled}
          disabled={busy}
          aria-describedby={`${id}-hint`}
          onChange={(event) => void toggle(event.target.checked)}
        />
        Ask for the READ scale in the analytics entry
      </label>
      <SaveOutcome saved={status} refusal={refusal} />
    </div>
  );
}
