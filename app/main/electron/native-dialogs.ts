// Native file and folder pickers for the contract's host.pick (the browser types paths instead).
import { dialog, type BrowserWindow, type OpenDialogOptions } from 'electron';
import type { HostDialogs } from '../api/context';

export function nativeDialogs(window: () => BrowserWindow | undefined): HostDialogs {
  return {
    async pick(opts) {
      const options: OpenDialogOptions = {
        title: opts.title,
        properties: [opts.kind === 'folder' ? 'openDirectory' : 'openFile'],
        filters: opts.filters,
      };
      const win = window();
      const r =
        win && !win.isDestroyed() ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return r.canceled ? undefined : r.filePaths[0];
    },
  };
}
