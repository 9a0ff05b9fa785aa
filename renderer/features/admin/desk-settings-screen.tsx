import { useId } from 'react';
import { useConsole } from '../../store/store-context';
import { PatronFieldsEditor } from './patron-fields-editor';
import { QuestionTypesEditor } from './question-types-editor';
import { ReadScaleToggle } from './read-scale-toggle';
import { ScriptTag, useEmbedDepartment, WidgetPreview } from './widget-embed';
import { WidgetTextsForm } from './widget-texts-form';

/**
 * Desk settings: the widget's words, the pre-chat form's fields, the
 * Question Types of the analytics entry, and the widget's script tag with a
 * preview. Saved changes reach open consoles and widgets at once.
 */
export function DeskSettingsScreen() {
  const settings = useConsole((state) => state.deskSettings);
  const error = useConsole((state) => state.deskSettingsError);
  const load = useConsole((state) => state.loadDeskSettings);
  const embed = useEmbedDepartment();
  const id = useId();

  if (settings === null) {
    return error ? (
      <div>
        <p className="form-error" role="alert">
          {error}
        </p>
        <button type="button" onClick={() => void load()}>
          Try again
        </button>
      </div>
    ) : (
      <p role="status">Loading the desk settings…</p>
    );
  }
  return (
    <>
      <section className="admin-section" aria-labelledby={`${id}-words`}>
        <h3 id={`${id}-words`}>Widget words</h3>
        {/* The words beside the panel that shows them: a save shows there at once. */}
        <div className="admin-embed">
          <WidgetTextsForm texts={settings.widgetTexts} labelledBy={`${id}-words`} />
          {embed.department ? (
            <WidgetPreview active={embed.active} department={embed.department} onChoose={embed.choose} />
          ) : null}
        </div>
      </section>
      <section className="admin-section" aria-labelledby={`${id}-embed`}>
        <h3 id={`${id}-embed`}>The widget on your web pages</h3>
        {embed.department ? (
          <ScriptTag department={embed.department} />
        ) : (
          <p className="empty">Add a department first: each has its own script tag.</p>
        )}
      </section>
      <section className="admin-section" aria-labelledby={`${id}-fields`}>
        <h3 id={`${id}-fields`}>Pre-chat form fields</h3>
        <PatronFieldsEditor fields={settings.patronFields} labelledBy={`${id}-fields`} />
      </section>
      <section className="admin-section" aria-labelledby={`${id}-types`}>
        <h3 id={`${id}-types`}>Question types</h3>
        <QuestionTypesEditor types={settings.questionTypes} labelledBy={`${id}-types`} />
      </section>
      <section className="admin-section" aria-labelledby={`${id}-read`}>
        <h3 id={`${id}-read`}>READ scale</h3>
        <ReadScaleToggle enabled={settings.readScale} />
      </section>
    </>
  );
}
