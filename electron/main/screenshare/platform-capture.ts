/**
 * How this desktop lets the operator choose what to share, from the platform
 * and environment alone (so it is tested in Node):
 * - Linux under Wayland: no app may list other windows itself. Chromium's
 *   PipeWire capturer (`WebRTCPipeWireCapturer`, switched on before ready)
 *   goes through xdg-desktop-portal: desktopCapturer.getSources shows the
 *   portal's own dialog and returns what the operator chose there, so
 *   Deskbell does not show its picker as well (electron/electron#30652).
 * - Everywhere else: Deskbell's picker window; on macOS 15+ Electron shows
 *   the system picker instead (`useSystemPicker`) and never calls the handler.
 */
import type { SourceChoice } from './ports';

export interface CapturePlatform {
  sourceChoice: SourceChoice;
  /** Chromium features to enable before `app` is ready. */
  enableFeatures: string[];
}

export function capturePlatform(platform: NodeJS.Platform, env: Record<string, string | undefined>): CapturePlatform {
  const wayland = platform === 'linux' && (env.XDG_SESSION_TYPE === 'wayland' || Boolean(env.WAYLAND_DISPLAY));
  return wayland
    ? { sourceChoice: 'portal', enableFeatures: ['WebRTCPipeWireCapturer'] }
    : { sourceChoice: 'picker', enableFeatures: [] };
}

/** `--enable-features` with ours added to what is already there, each once. */
export function mergeFeatures(existing: string, added: readonly string[]): string {
  const features = existing.split(',').filter((feature) => feature !== '');
  for (const feature of added) if (!features.includes(feature)) features.push(feature);
  return features.join(',');
}
