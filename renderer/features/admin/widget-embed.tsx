import { useId, useState } from 'react';
import type { AdminDepartment } from '../../../src/protocol';
import { serverUrl } from '../../config';
import { getDesktopBridge } from '../../desktop/get-desktop-bridge';
import { useConsole } from '../../store/store-context';

const inDesktopApp = () => getDesktopBridge().kind === 'electron';

/** The server the widget loads from: the desktop app's setting, the console's build or address, else this page's own. */
function useServerBase(): string {
  const desktop = useConsole((state) => state.desktopSettings?.serverUrl);
  return ((inDesktopApp() ? desktop : '') || serverUrl() || window.location.origin).replace(/\/$/, '');
}

/** The tag a library pastes into its web pages (widget/README.md, Embedding). */
export function scriptTagFor(base: string, departmentId: string): string {
  return `<script src="${base}/widget/loader.js" data-department="${departmentId}" async></script>`;
}

/** The departments that take chats, and the one the preview and the script tag are of. */
export function useEmbedDepartment(): {
  active: AdminDepartment[];
  department: AdminDepartment | undefined;
  choose(id: string): void;
} {
  const departments = useConsole((state) => state.adminDepartments);
  const [chosen, setChosen] = useState<string | null>(null);
  const active = (departments ?? []).filter((department) => department.active);
  return { active, department: active.find((item) => item.id === chosen) ?? active[0], choose: setChosen };
}

interface WidgetPreviewProps {
  active: readonly AdminDepartment[];
  department: AdminDepartment;
  onChoose(id: string): void;
}

/**
 * The real chat panel (frame.html) of one department, as a patron would see
 * it now: the saved words, the form's fields, closed or nobody online. It
 * follows every save at once, as patrons' open widgets do.
 */
export function WidgetPreview({ active, department, onChoose }: WidgetPreviewProps) {
  const base = useServerBase();
  const id = useId();
  return (
    <div className="admin-embed-preview">
      <label htmlFor={`${id}-department`}>Preview of</label>
      <select id={`${id}-department`} value={department.id} onChange={(event) => onChoose(event.target.value)}>
        {active.map((item) => (
          <option key={item.id} value={item.id}>
            {item.name}
          </option>
        ))}
      </select>
      {inDesktopApp() ? (
        // The desktop app's pages may frame nothing (electron/main/security/content-security-policy.ts).
        <p className="settings-hint">The preview shows in the console in a browser.</p>
      ) : (
        <iframe
          key={department.id}
          src={`${base}/widget/frame.html?department=${encodeURIComponent(department.id)}&preview=1`}
          title={`Preview of the chat widget for ${department.name}`}
          className="admin-embed-frame"
        />
      )}
    </div>
  );
}

/** The department's script tag, ready to copy. */
export function ScriptTag({ department }: { department: AdminDepartment }) {
  const base = useServerBase();
  const [copied, setCopied] = useState('');
  const id = useId();
  const tag = scriptTagFor(base, department.id);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(tag);
      setCopied('Copied.');
    } catch {
      setCopied('Copying did not work here: select the tag and copy it yourself.');
    }
  };
  return (
    <div className="admin-embed-code">
      <label htmlFor={`${id}-tag`}>
        Script tag for <bdi dir="auto">{department.name}</bdi>
      </label>
      <textarea
        id={`${id}-tag`}
        className="admin-embed-tag"
        readOnly
        rows={2}
        value={tag}
        aria-describedby={`${id}-hint`}
        onFocus={(event) => event.target.select()}
      />
      <p className="settings-hint" id={`${id}-hint`}>
        Paste it into the library’s web pages, before {'</body>'}. It adds the “Chat with a librarian” button. Choose
        another department beside the preview for its own tag.
      </p>
      <div className="account-actions">
        <button type="button" onClick={() => void copy()}>
          Copy script tag
        </button>
      </div>
      <p className="settings-status" role="status">
        {copied}
      </p>
    </div>
  );
}
