import type { DesktopBridge } from '../../src/protocol';
import { WebDesktopBridge } from './web-desktop-bridge';

declare global {
  interface Window {
    /** Set by the desktop app's preload; absent in a browser. */
    deskbell?: DesktopBridge;
  }
}

let web: WebDesktopBridge | null = null;

/** The Electron preload's bridge when the console runs in the desktop app, otherwise the web one. */
export function getDesktopBridge(): DesktopBridge {
  if (window.deskbell) return window.deskbell;
  web ??= new WebDesktopBridge();
  return web;
}

/** Call from a user gesture (logging in): the browser asks for pop-up permission and unlocks sound. */
export function prepareAlerts(bridge: DesktopBridge): void {
  if (bridge instanceof WebDesktopBridge) bridge.prepareAlerts();
}
