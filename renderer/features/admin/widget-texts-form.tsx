import { useEffect, useId, useState, type FormEvent } from 'react';
import type { WidgetTexts } from '../../../src/protocol';
import { useConsole } from '../../store/store-context';
import { SaveOutcome } from './save-outcome';

const FIELDS: ReadonlyArray<{ key: keyof WidgetTexts; label: string; hint: string; long: boolean }> = [
  {
    key: 'libraryName',
    label: 'Library name',
    hint: 'Shown in the widget’s header; leave blank for none.',
    long: false,
  },
  { key: 'greeting', label: 'Greeting', hint: 'Above the pre-chat form.', long: true },
  { key: 'closedText', label: 'Closed text', hint: 'Outside the department’s hours of service.', long: true },
  { key: 'offlineText', label: 'Nobody online text', hint: 'When no librarian monitoring it is Online.', long: true },
];

/** The widget's words; `{department}` in a text becomes the department's name. */
export function WidgetTextsForm({ texts, labelledBy }: { texts: WidgetTexts; labelledBy: string }) {
  const save = useConsole((state) => state.saveWidgetTexts);
  const [values, setValues] = useState<WidgetTexts>(texts);
  const [errors, setErrors] = useState<Partial<Record<keyof WidgetTexts, string>>>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const [saved, setSaved] = useState('');
  const [busy, setBusy] = useState(false);
  const id = useId();

  useEffect(() => setValues(texts), [texts]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setRefusal(null);
    setSaved('');
    const found: Partial<Record<keyof WidgetTexts, string>> = {};
    for (const field of FIELDS) {
      if (field.key !== 'libraryName' && values[field.key].trim() === '') {
        found[field.key] = `Enter the ${field.label.toLowerCase()}: patrons read it.`;
      }
    }
    setErrors(found);
    const first = FIELDS.find((field) => found[field.key]);
    if (first) return document.getElementById(`${id}-${first.key}`)?.focus();
    setBusy(true);
    const refused = await save(values);
    setBusy(false);
    if (refused) setRefusal(refused);
    else setSaved('Saved. Open widgets show the new words at once.');
  };

  return (
    <form className="admin-form" aria-labelledby={labelledBy} onSubmit={(event) => void submit(event)} noValidate>
      <p className="settings-hint">Write {'{department}'} where the department’s name should go.</p>
      {FIELDS.map((field) => {
        const described = [`${id}-${field.key}-hint`, errors[field.key] ? `${id}-${field.key}-error` : '']
          .filter(Boolean)
          .join(' ');
        const common = {
          id: `${id}-${field.key}`,
          value: values[field.key],
          'aria-describedby': described,
          'aria-invalid': errors[field.key] ? true : undefined,
        };
        return (
          <div key={field.key} className="admin-form-field">
            <label htmlFor={`${id}-${field.key}`}>{field.label}</label>
            {field.long ? (
              <textarea
                {...common}
                rows={3}
                maxLength={500}
                onChange={(event) => setValues({ ...values, [field.key]: event.target.value })}
              />
            ) : (
              <input
                {...common}
                type="text"
                maxLength={80}
                onChange={(event) => setValues({ ...values, [field.key]: event.target.value })}
              />
            )}
            <p className="settings-hint" id={`${id}-${field.key}-hint`}>
              {field.hint}
            </p>
            {errors[field.key] ? (
              <p className="form-error" id={`${id}-${field.key}-error`}>
                {errors[field.key]}
              </p>
            ) : null}
          </div>
        );
      })}
      <div className="account-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save widget words'}
        </button>
      </div>
      <SaveOutcome saved={saved} refusal={refusal} />
    </form>
  );
}
