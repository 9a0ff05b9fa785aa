/**
 * The one script a library puts on its pages:
 *   <script src="https://deskbell.example/widget/loader.js" data-department="general-reference" async></script>
 * It adds a "Chat with a librarian" button that opens the chat frame. Built
 * to dist/widget/loader.js as one small IIFE (no React, no hash in the name).
 */
import { LauncherPanel } from './loader-panel';
import { readLoaderParams } from './loader-params';

const HOST_ATTRIBUTE = 'data-deskbell-widget';

function boot(): void {
  // Read at once: currentScript is only set while this script first runs.
  const result = readLoaderParams(document.currentScript as HTMLScriptElement | null);
  if (!result.ok) {
    console.error(`Deskbell chat widget: ${result.error}`);
    return;
  }
  const { params } = result;
  const mount = () => {
    // A page that includes the script twice still gets one button per department.
    const hosts = document.querySelectorAll(`[${HOST_ATTRIBUTE}]`);
    if ([...hosts].some((host) => host.getAttribute(HOST_ATTRIBUTE) === params.department)) return;
    const host = document.createElement('div');
    host.setAttribute(HOST_ATTRIBUTE, params.department);
    document.body.append(host);
    new LauncherPanel(params, host.attachShadow({ mode: 'open' }));
  };
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount, { once: true });
}

boot();
