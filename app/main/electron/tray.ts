// The tray icon itself: shows the engine's state as its icon and tooltip and the model's menu.
import { Menu, Tray, nativeImage, nativeTheme } from 'electron';
import type { TrayView } from './tray-controller';
import { trayIconPath } from './tray-icons';
import type { TrayAction } from './tray-menu-model';
import { trayMenuTemplate } from './tray-template';

export interface TrayIconDeps {
  resourcesDir: string;
  run(action: TrayAction): void;
  /** A click on the icon itself (Windows, some Linux panels): show the window. */
  onClick(): void;
}

export class TrayIcon {
  private readonly tray: Tray;
  private last: TrayView | undefined;
  private iconFile = '';

  constructor(private readonly deps: TrayIconDeps) {
    this.tray = new Tray(nativeImage.createEmpty());
    this.tray.on('click', () => deps.onClick());
    nativeTheme.on('updated', () => this.last && this.update(this.last));
  }

  update(view: TrayView): void {
    this.last = view;
    const file = trayIconPath(
      this.deps.resourcesDir,
      view.state.engine.state,
      process.platform,
      nativeTheme.shouldUseDarkColors,
    );
    if (file !== this.iconFile) {
      const image = nativeImage.createFromPath(file);
      if (process.platform === 'darwin') image.setTemplateImage(true);
      this.tray.setImage(image);
      this.iconFile = file;
    }
    this.tray.setToolTip(view.tooltip);
    this.tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(view.menu, this.deps.run)));
  }

  destroy(): void {
    this.tray.destroy();
  }
}
