import { LIMITS } from '../src/protocol/limits';

/** What the library's `<script>` tag asks for. */
export interface LoaderParams {
  department: string;
  /** The launcher button's text (`data-label`), "Chat with a librarian" by default. */
  label: string;
  /** The origin that served loader.js: the Deskbell server, which also serves the frame. */
  origin: string;
  /** frame.html beside loader.js. */
  frameUrl: string;
}

export type LoaderParamsResult = { ok: true; params: LoaderParams } | { ok: false; error: string };

export const DEFAULT_LABEL = 'Chat with a librarian';

/** The slice of a `<script>` element the loader reads; a plain object in tests. */
export interface ScriptTagLike {
  src: string;
  getAttribute(name: string): string | null;
}

/**
 * Reads the loader's own `<script>` tag. Mistakes a web editor can make get
 * a message that says how to fix them, because it will be read in a console.
 */
export function readLoaderParams(script: ScriptTagLike | null): LoaderParamsResult {
  if (!script || !script.src) {
    return {
      ok: false,
      error:
        'could not find its own <script> tag. Load it with <script src=".../widget/loader.js" data-department="...">, not as a module or inline.',
    };
  }
  const department = script.getAttribute('data-department')?.trim() ?? '';
  if (department === '') {
    return {
      ok: false,
      error:
        'the <script> tag needs a data-department attribute naming the chat department, e.g. data-department="general-reference".',
    };
  }
  let scriptUrl: URL;
  try {
    scriptUrl = new URL(script.src);
  } catch {
    return { ok: false, error: `the script's address "${script.src}" is not a valid URL.` };
  }
  const label = script.getAttribute('data-label')?.trim() || DEFAULT_LABEL;
  return {
    ok: true,
    params: { department, label, origin: scriptUrl.origin, frameUrl: new URL('frame.html', scriptUrl).href },
  };
}

/** The frame's address: the department, and the page (and its referrer) the patron is on, for the librarian. */
export function buildFrameUrl(params: LoaderParams, page: { href: string; referrer: string }): string {
  const url = new URL(params.frameUrl);
  url.searchParams.set('department', params.department);
  url.searchParams.set('page', page.href.slice(0, LIMITS.urlMaxLength));
  if (page.referrer) url.searchParams.set('referrer', page.referrer.slice(0, LIMITS.urlMaxLength));
  return url.href;
}
