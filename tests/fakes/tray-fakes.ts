import type { AppQuitPort, TrayPort, Unsubscribe } from '../../electron/main/tray/ports';
import type { TrayIconName, TrayMenuItem } from '../../electron/main/tray/tray-model';

/** A tray that records every native call, so tests can see what render() touched. */
export class FakeTray implements TrayPort {
  icon: TrayIconName | null = null;
  toolTip = '';
  menu: readonly TrayMenuItem[] = [];
  calls: string[] = [];
  destroyed = false;
  private choose: ((item: TrayMenuItem) => void) | null = null;
  private clickListeners = new Set<() => void>();

  setIcon(icon: TrayIconName): void {
    this.calls.push('setIcon');
    this.icon = icon;
  }

  setToolTip(text: string): void {
    this.calls.push('setToolTip');
    this.toolTip = text;
  }

  setMenu(items: readonly TrayMenuItem[], onChoose: (item: TrayMenuItem) => void): void {
    this.calls.push('setMenu');
    this.menu = items;
    this.choose = onChoose;
  }

  onClick(listener: () => void): Unsubscribe {
    this.clickListeners.add(listener);
    return () => this.clickListeners.delete(listener);
  }

  destroy(): void {
    this.destroyed = true;
  }

  /** The operator picks the menu item with this label. */
  pick(label: string): void {
    const item = this.menu.find((entry) => 'label' in entry && entry.label === label);
    if (!item || !this.choose) throw new Error(`no menu item "${label}"`);
    this.choose(item);
  }

  click(): void {
    for (const listener of this.clickListeners) listener();
  }

  /** The label of the ticked status in the menu. */
  checkedStatus(): string | undefined {
    const item = this.menu.find((entry) => entry.kind === 'status' && entry.checked);
    return item && 'label' in item ? item.label : undefined;
  }
}

export class FakeAppQuit implements AppQuitPort {
  quits = 0;

  quit(): void {
    this.quits += 1;
  }
}
