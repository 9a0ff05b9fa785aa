import { useEffect, useId, useState, type FormEvent } from 'react';
import type { DesktopSettings } from '../../../src/protocol';
import { getDesktopBridge } from '../../desktop/get-desktop-bridge';
import { useConsole } from '../../store/store-context';
import { YourAccount } from '../account/your-account';
import {
  checkSettingsForm,
  formFromSettings,
  isEmptyPatch,
  SETTINGS_LIMITS,
  type SettingsErrors,
  type SettingsField,
  type SettingsForm,
  type SettingsScope,
} from './settings-form';
import './settings.css';

/**
 * The Settings page: in the desktop app every setting (server URL, sound,
 * alert style, auto-away, start-up); in a browser only the sound, with a word
 * on where the rest lives. Logged in, "Your account" too (name and password).
 */
export function SettingsPage() {
  const settings = useConsole((state) => state.desktopSettings);
  const error = useConsole((state) => state.settingsError);
  const closeSettings = useConsole((state) => state.closeSettings);
  const loggedIn = useConsole((state) => state.phase === 'logged-in');
  const scope: SettingsScope = getDesktopBridge().kind === 'electron' ? 'desktop' : 'browser';
  const id = useId();

  return (
    <section className="settings-page" aria-labelledby={`${id}-title`}>
      <div className="settings-header">
        <h2 id={`${id}-title`}>Settings</h2>
        <button type="button" onClick={closeSettings}>
          {loggedIn ? 'Back to chats' : 'Back to log in'}
        </button>
      </div>
      {settings ? (
        <SettingsEditor settings={settings} scope={scope} />
      ) : error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : (
        <p role="status">Loading the settings…</p>
      )}
      {/* Outside the settings form: the account is the server's, saved by its own buttons. */}
      {loggedIn ? <YourAccount /> : null}
    </section>
  );
}

function SettingsEditor({ settings, scope }: { settings: DesktopSettings; scope: SettingsScope }) {
  const saveSettings = useConsole((state) => state.saveSettings);
  const saving = useConsole((state) => state.settingsSaving);
  const error = useConsole((state) => state.settingsError);
  const notice = useConsole((state) => state.settingsNotice);
  const tokenPersisted = useConsole((state) => state.tokenPersisted);
  const [form, setForm] = useState<SettingsForm>(() => formFromSettings(settings));
  const [errors, setErrors] = useState<SettingsErrors>({});
  const [unchanged, setUnchanged] = useState(false);
  const id = useId();

  // Saved here or changed elsewhere (the tray, another window): show what the desktop now holds.
  useEffect(() => {
    setForm(formFromSettings(settings));
  }, [settings]);

  const edit = <K extends keyof SettingsForm>(key: K, value: SettingsForm[K]) => {
    setForm((previous) => ({ ...previous, [key]: value }));
    setUnchanged(false);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const check = checkSettingsForm(form, settings, scope);
    if (!check.ok) return setErrors(check.errors);
    setErrors({});
    if (isEmptyPatch(check.patch)) return setUnchanged(true);
    await saveSettings(check.patch);
  };

  /** Label, hint and error wiring for one text-like field. */
  const field = (name: SettingsField, hasHint = false) => ({
    id: `${id}-${name}`,
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby':
      [hasHint ? `${id}-${name}-hint` : '', errors[name] ? `${id}-${name}-error` : ''].filter(Boolean).join(' ') ||
      undefined,
  });
  const fieldError = (name: SettingsField) =>
    errors[name] ? (
      <p className="form-error" id={`${id}-${name}-error`}>
        {errors[name]}
      </p>
    ) : null;
  const hint = (name: SettingsField, text: string) => (
    <p className="settings-hint" id={`${id}-${name}-hint`}>
      {text}
    </p>
  );

  const errorCount = Object.keys(errors).length;
  return (
    <form className="settings-form" onSubmit={(event) => void submit(event)} noValidate>
      {scope === 'browser' ? (
        <p className="settings-note">
          In the browser you can change the sounds. The server address, the alert style, auto-away and the start-up
          options belong to the Deskbell desktop app; here new chats pop up as the browser&apos;s notifications.
        </p>
      ) : null}

      {scope === 'desktop' ? (
        <fieldset>
          <legend>Server</legend>
          <label htmlFor={`${id}-serverUrl`}>Server URL</label>
          <input
            {...field('serverUrl', true)}
            type="url"
            inputMode="url"
            autoComplete="url"
            spellCheck={false}
            value={form.serverUrl}
            onChange={(event) => edit('serverUrl', event.target.value)}
          />
          {hint(
            'serverUrl',
            'The Deskbell server your library runs. Saving a new address logs you out and opens the console for it.',
          )}
          {fieldError('serverUrl')}
          {tokenPersisted === false ? (
            <p className="settings-hint" role="note">
              This computer offers no encryption for saved logins, so Deskbell does not keep yours: you will log in
              again each time Deskbell starts.
            </p>
          ) : null}
        </fieldset>
      ) : null}

      <fieldset>
        <legend>Sound</legend>
        <div className="settings-check">
          <input
            id={`${id}-muted`}
            type="checkbox"
            checked={form.muted}
            onChange={(event) => edit('muted', event.target.checked)}
          />
          <label htmlFor={`${id}-muted`}>Mute the chirp</label>
        </div>
        <div className="settings-check">
          <input
            id={`${id}-chatMessages`}
            type="checkbox"
            checked={form.chatMessages}
            onChange={(event) => edit('chatMessages', event.target.checked)}
          />
          <label htmlFor={`${id}-chatMessages`}>Sound for a new message in another chat</label>
        </div>
        <div className="settings-check">
          <input
            id={`${id}-staffMessages`}
            type="checkbox"
            checked={form.staffMessages}
            onChange={(event) => edit('staffMessages', event.target.checked)}
          />
          <label htmlFor={`${id}-staffMessages`}>Sound for staff chat messages and briefings</label>
        </div>
        <label htmlFor={`${id}-volumePercent`}>Chirp volume</label>
        <div className="settings-range">
          <input
            {...field('volumePercent')}
            type="range"
            min={0}
            max={100}
            step={5}
            disabled={form.muted && !form.chatMessages && !form.staffMessages}
            aria-valuetext={`${form.volumePercent} percent`}
            value={form.volumePercent}
            onChange={(event) => edit('volumePercent', event.target.value)}
          />
          {/* The slider says its value itself (aria-valuetext); this is for the eye only. */}
          <span className="settings-range-value" aria-hidden="true">
            {form.volumePercent}%
          </span>
        </div>
        {fieldError('volumePercent')}
        <label htmlFor={`${id}-repeatSeconds`}>Repeat the chirp every (seconds)</label>
        <input
          {...field('repeatSeconds', true)}
          className="settings-number"
          type="number"
          inputMode="numeric"
          min={SETTINGS_LIMITS.repeatSeconds.min}
          max={SETTINGS_LIMITS.repeatSeconds.max}
          value={form.repeatSeconds}
          onChange={(event) => edit('repeatSeconds', event.target.value)}
        />
        {hint('repeatSeconds', 'While a patron waits unclaimed. 0 chirps only once per new chat.')}
        {fieldError('repeatSeconds')}
      </fieldset>

      {scope === 'desktop' ? (
        <>
          <fieldset>
            <legend>Alert style</legend>
            <div className="settings-check">
              <input
                id={`${id}-alert-deskbell`}
                type="radio"
                name={`${id}-alertStyle`}
                checked={form.alertStyle === 'deskbell'}
                onChange={() => edit('alertStyle', 'deskbell')}
              />
              <label htmlFor={`${id}-alert-deskbell`}>Deskbell&apos;s pop-up (lower right, stays until answered)</label>
            </div>
            <div className="settings-check">
              <input
                id={`${id}-alert-system`}
                type="radio"
                name={`${id}-alertStyle`}
                checked={form.alertStyle === 'system'}
                onChange={() => edit('alertStyle', 'system')}
              />
              <label htmlFor={`${id}-alert-system`}>The system&apos;s notifications</label>
            </div>
          </fieldset>

          <fieldset>
            <legend>Auto-away</legend>
            <label htmlFor={`${id}-autoAwayMinutes`}>Go Away after this many idle minutes</label>
            <input
              {...field('autoAwayMinutes', true)}
              className="settings-number"
              type="number"
              inputMode="numeric"
              min={SETTINGS_LIMITS.autoAwayMinutes.min}
              max={SETTINGS_LIMITS.autoAwayMinutes.max}
              value={form.autoAwayMinutes}
              onChange={(event) => edit('autoAwayMinutes', event.target.value)}
            />
            {hint(
              'autoAwayMinutes',
              'Locking the screen or sleeping also turns Online into Away; coming back turns it back. 0 turns auto-away off.',
            )}
            {fieldError('autoAwayMinutes')}
          </fieldset>

          <fieldset>
            <legend>Start-up</legend>
            <div className="settings-check">
              <input
                id={`${id}-startAtLogin`}
                type="checkbox"
                checked={form.startAtLogin}
                onChange={(event) => edit('startAtLogin', event.target.checked)}
              />
              <label htmlFor={`${id}-startAtLogin`}>Start at login</label>
            </div>
            <div className="settings-check">
              <input
                id={`${id}-startMinimized`}
                type="checkbox"
                checked={form.startMinimized}
                onChange={(event) => edit('startMinimized', event.target.checked)}
              />
              <label htmlFor={`${id}-startMinimized`}>Start minimized to the tray</label>
            </div>
          </fieldset>
        </>
      ) : null}

      <div className="settings-actions">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save'}
        </button>
        <p className="settings-status" role="status">
          {errorCount > 0
            ? `Not saved: ${errorCount === 1 ? 'one field needs' : `${errorCount} fields need`} fixing.`
            : unchanged
              ? 'Nothing changed.'
              : (notice ?? '')}
        </p>
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
