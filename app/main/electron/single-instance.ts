// One Berth per user: a second launch hands its deep link (if any) to the first and quits.
import type { App } from 'electron';
import { deepLinkInArgv, deepLinkToRoute } from './routes';

/**
 * Takes the single-instance lock. Returns false (and quits) when another Berth holds it; otherwise
 * calls `onSecondLaunch` with the page a later launch asked for (or undefined: just show the window).
 */
export function claimSingleInstance(
  app: Pick<App, 'requestSingleInstanceLock' | 'on' | 'quit'>,
  onSecondLaunch: (route: string | undefined) => void,
): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', (_event, argv) => {
    const link = deepLinkInArgv(argv);
    onSecondLaunch(link ? deepLinkToRoute(link) : undefined);
  });
  return true;
}
