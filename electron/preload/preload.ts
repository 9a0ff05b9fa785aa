/**
 * The preload of every Deskbell window (sandboxed, context-isolated): it
 * gives the page `window.deskbell`, the DesktopBridge, and nothing else.
 * Thin by design; create-bridge.ts holds the logic and is tested in Node.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createDesktopBridge } from './create-bridge';

contextBridge.exposeInMainWorld('deskbell', createDesktopBridge(ipcRenderer));
