/**
 * The launcher's styles, scoped by the shadow root: nothing here reaches the
 * host page, and `all: initial` keeps the host page's inherited fonts and
 * colours from reaching in.
 */
export const LOADER_CSS = `
:host { all: initial; }
* { box-sizing: border-box; }
.launcher {
  position: fixed; right: 20px; bottom: 20px; z-index: 2147483000;
  display: inline-flex; align-items: center; gap: 10px;
  min-height: 48px; padding: 12px 20px 12px 16px;
  border: 2px solid #ffffff; border-radius: 999px;
  background: #0b5563; color: #ffffff;
  font: 600 16px/1.2 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  box-shadow: 0 4px 14px rgba(0, 0, 0, 0.28);
  cursor: pointer;
}
.launcher:hover { background: #084550; }
.launcher:focus-visible { outline: 3px solid #ffbf47; outline-offset: 3px; }
.launcher svg { width: 22px; height: 22px; flex: none; }
.badge {
  min-width: 24px; padding: 2px 7px; border-radius: 999px;
  background: #ffffff; color: #8a1c12; font-weight: 700; text-align: center;
}
.badge[hidden], .panel[hidden] { display: none; }
.sr-only {
  position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap;
}
.panel {
  position: fixed; right: 20px; bottom: 84px; z-index: 2147483000;
  width: 380px; height: 580px;
  max-width: calc(100vw - 40px); max-height: calc(100vh - 104px);
  border-radius: 14px; overflow: hidden; background: #ffffff;
  box-shadow: 0 12px 40px rgba(0, 0, 0, 0.3);
}
.panel iframe { display: block; width: 100%; height: 100%; border: 0; }
@media (max-width: 480px) {
  .panel { right: 8px; left: 8px; bottom: 76px; width: auto; max-width: none; height: calc(100vh - 92px); }
  .launcher { right: 12px; bottom: 12px; }
}
`;

/** A speech bubble, decorative (the button's text names it). */
export const CHAT_ICON = `<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="currentColor" d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm2 5v2h12V8H6zm0 4v2h8v-2H6z"/></svg>`;
