// The application menu: the usual roles and shortcuts (edit, view, window) plus Berth's pages.
// A template only (Electron types, no Electron at run time), so it is tested without Electron.
import type { MenuItemConstructorOptions } from 'electron';

export interface AppMenuActions {
  open(route: string): void;
}

export function appMenuTemplate(
  platform: NodeJS.Platform,
  actions: AppMenuActions,
  isPackaged: boolean,
): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const go = (label: string, route: string, accelerator: string): MenuItemConstructorOptions => ({
    label,
    accelerator,
    click: () => actions.open(route),
  });
  const settings = go(mac ? 'Settings…' : 'Settings', '#/settings', 'CmdOrCtrl+,');
  const appMenu: MenuItemConstructorOptions[] = mac
    ? [
        {
          label: 'Berth',
          submenu: [
            { role: 'about' },
            { type: 'separator' },
            settings,
            { type: 'separator' },
            { role: 'services' },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            { role: 'quit' },
          ],
        },
      ]
    : [{ label: '&File', submenu: [settings, { type: 'separator' }, { role: 'quit' }] }];
  return [
    ...appMenu,
    {
      label: '&Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: '&View',
      submenu: [
        go('Containers', '#/containers', 'CmdOrCtrl+1'),
        go('Images', '#/images', 'CmdOrCtrl+2'),
        go('Volumes', '#/volumes', 'CmdOrCtrl+3'),
        go('Networks', '#/networks', 'CmdOrCtrl+4'),
        go('Compose', '#/compose', 'CmdOrCtrl+5'),
        go('Engine', '#/engine', 'CmdOrCtrl+6'),
        { type: 'separator' },
        { role: 'reload' },
        ...(isPackaged ? [] : ([{ role: 'toggleDevTools' }] as MenuItemConstructorOptions[])),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { label: '&Window', role: 'windowMenu' },
    {
      label: '&Help',
      role: 'help',
      submenu: [{ label: 'Engine status and troubleshooting', click: () => actions.open('#/engine') }],
    },
  ];
}
