/** Where the Electron binary is, or why there is none; never downloads it (see electron-binary.mjs). */
export function findElectronBinary(): { path: string } | { path: null; reason: string };
