/** Adapter: Electron's screen module as the ScreenPort. No decisions. */
import { screen } from 'electron';
import type { DisplayInfo } from './placement';
import type { ScreenPort } from './ports';

export function createElectronScreen(): ScreenPort {
  return {
    displays(): DisplayInfo[] {
      const primaryId = screen.getPrimaryDisplay().id;
      return screen.getAllDisplays().map((display) => ({
        id: display.id,
        bounds: display.bounds,
        workArea: display.workArea,
        scaleFactor: display.scaleFactor,
        primary: display.id === primaryId,
      }));
    },
    onDisplaysChanged(listener) {
      const changed = (): void => listener();
      screen.on('display-added', changed);
      screen.on('display-removed', changed);
      screen.on('display-metrics-changed', changed);
      return () => {
        screen.removeListener('display-added', changed);
        screen.removeListener('display-removed', changed);
        screen.removeListener('display-metrics-changed', changed);
      };
    },
  };
}
