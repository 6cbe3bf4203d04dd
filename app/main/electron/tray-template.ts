// Turns the tray menu model into Electron menu options; each clickable item runs its action.
// Pure data mapping (Electron types only), so it is tested without Electron.
import type { MenuItemConstructorOptions } from 'electron';
import type { TrayAction, TrayMenuItem } from './tray-menu-model';

export function trayMenuTemplate(
  items: TrayMenuItem[],
  run: (action: TrayAction) => void,
): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.type) {
      case 'separator':
        return { type: 'separator' };
      case 'header':
        return { label: item.label, enabled: false };
      case 'submenu':
        return { label: item.label, enabled: item.enabled, submenu: trayMenuTemplate(item.submenu ?? [], run) };
      case 'action': {
        const action = item.action;
        return { label: item.label, enabled: item.enabled, ...(action ? { click: () => run(action) } : {}) };
      }
    }
  });
}
