import { useRef, useState, type FormEvent } from 'react';
import type { Ack } from '../../src/protocol/ack';
import type { PatronChatView } from '../../src/protocol/models';
import type { WidgetConfig } from '../../src/protocol/patron-contract';
import { LIMITS } from '../../src/protocol/limits';
import type { StartChatForm } from '../../src/client/patron-connection';
import { emptyPrechat, validatePrechat, type PrechatErrors, type PrechatValues } from './prechat-validation';

interface Props {
  config: WidgetConfig;
  /** The library's greeting, its department named already. */
  greeting: string;
  page: { pageUrl: string | null; referrer: string | null };
  onStart: (form: StartChatForm) => Promise<Ack<PatronChatView>>;
}

/** The pre-chat form: the question (required), then name, email and the library's own fields (some may be required). */
export function PrechatForm({ config, greeting, page, onStart }: Props) {
  const [values, setValues] = useState<PrechatValues>(emptyPrechat);
  const [errors, setErrors] = useState<PrechatErrors>({});
  const [submitting, setSubmitting] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (submitting) return;
    const result = validatePrechat(values, config.patronFields, page);
    if (!result.ok) {
      setErrors(result.errors);
      // Take the patron to the first field to fix, in form order.
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setErrors({});
    setRefusal(null);
    setSubmitting(true);
    const ack = await onStart(result.form);
    setSubmitting(false);
    if (!ack.ok) setRefusal(ack.error.message);
  };

  const field = (key: string, label: string, input: (props: FieldProps) => React.ReactNode) => {
    const id = `prechat-${key.replace('.', '-')}`;
    const error = errors[key];
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        {input({
          id,
          'aria-invalid': error ? true : undefined,
          'aria-describedby': error ? `${id}-error` : undefined,
        })}
        {error && (
          <p className="field-error" id={`${id}-error`}>
            {error}
          </p>
        )}
      </div>
    );
  };

  return (
    <form
      ref={formRef}
      className="prechat"
      noValidate
      onSubmit={(event) => void submit(event)}
      aria-label="Start a chat"
    >
      <p className="intro" dir="auto">
        {greeting}{' '}
        {config.patronFields.some((extra) => extra.required)
          ? 'Fields marked required must be filled in.'
          : 'Only your question is required.'}
      </p>
      {field('question', 'Your question (required)', (props) => (
        <textarea
          {...props}
          data-autofocus
          rows={3}
          required
          aria-required="true"
          maxLength={LIMITS.questionMaxLength}
          value={values.question}
          onChange={(e) => setValues({ ...values, question: e.target.value })}
        />
      ))}
      {field('name', 'Your name (optional)', (props) => (
        <input
          {...props}
          type="text"
          autoComplete="name"
          maxLength={LIMITS.nameMaxLength}
          value={values.name}
          onChange={(e) => setValues({ ...values, name: e.target.value })}
        />
      ))}
      {field('email', 'Your email (optional)', (props) => (
        <input
          {...props}
          type="email"
          autoComplete="email"
          maxLength={LIMITS.emailMaxLength}
          value={values.email}
          onChange={(e) => setValues({ ...values, email: e.target.value })}
        />
      ))}
      {config.patronFields.map((extra) => (
        <div key={extra.key}>
          {field(`extra.${extra.key}`, `${extra.label} (${extra.required ? 'required' : 'optional'})`, (props) => (
            <input
              {...props}
              type="text"
              required={extra.required}
              aria-required={extra.required ? 'true' : undefined}
              maxLength={LIMITS.extraFieldValueMaxLength}
              value={values.extra[extra.key] ?? ''}
              onChange={(e) => setValues({ ...values, extra: { ...values.extra, [extra.key]: e.target.value } })}
            />
          ))}
        </div>
      ))}
      {refusal && (
        <p className="form-error" role="alert">
          {refusal}
        </p>
      )}
      <button type="submit" className="primary" disabled={submitting}>
        {submitting ? 'Starting chat...' : 'Start chat'}
      </button>
    </form>
  );
}

interface FieldProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}
