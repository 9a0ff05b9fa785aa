/**
 * Adapter: Electron's Tray, Menu and nativeImage as the TrayPort, and
 * app.quit() as the AppQuitPort. It applies what the TrayPresenter decided.
 */
import { join } from 'node:path';
import { app, Menu, nativeImage, Tray, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import type { AppQuitPort, TrayPort } from './ports';
import type { TrayIconName, TrayMenuItem } from './tray-model';

export function createElectronTray(options: { iconDirectory: string }): TrayPort {
  const images = new Map<TrayIconName, NativeImage>();
  // nativeImage picks name@2x.png beside name.png on HiDPI screens by itself.
  const image = (name: TrayIconName): NativeImage => {
    const cached = images.get(name) ?? nativeImage.createFromPath(join(options.iconDirectory, `${name}.png`));
    images.set(name, cached);
    return cached;
  };
  const tray = new Tray(image('disconnected'));
  return {
    setIcon: (icon) => tray.setImage(image(icon)),
    setToolTip: (text) => tray.setToolTip(text),
    setMenu: (items, onChoose) =>
      tray.setContextMenu(Menu.buildFromTemplate(items.map((item) => menuItem(item, onChoose)))),
    onClick(listener) {
      const clicked = (): void => listener();
      tray.on('click', clicked);
      return () => {
        tray.removeListener('click', clicked);
      };
    },
    destroy: () => {
      if (!tray.isDestroyed()) tray.destroy();
    },
  };
}

function menuItem(item: TrayMenuItem, onChoose: (item: TrayMenuItem) => void): MenuItemConstructorOptions {
  switch (item.kind) {
    case 'separator':
      return { type: 'separator' };
    case 'status':
      return { type: 'radio', label: item.label, checked: item.checked, click: () => onChoose(item) };
    case 'show':
    case 'quit':
      return { label: item.label, click: () => onChoose(item) };
  }
}

export function createElectronAppQuit(): AppQuitPort {
  return { quit: () => app.quit() };
}
