// Feeds engine events, task changes and engine status into the notification rules and hands each
// decision to `show` (notifier.ts shows it natively). No Electron here.
import type { ApiContext } from '../api/context';
import type { BerthSettings } from '../../shared/contract/areas/settings';
import { NotificationRules, type NotificationSpec } from './notification-rules';

export function watchForNotifications(
  api: ApiContext,
  settings: () => Pick<BerthSettings, 'notifications'>,
  show: (spec: NotificationSpec) => void,
): () => void {
  const rules = new NotificationRules(settings);
  const each = (specs: NotificationSpec[]) => specs.forEach(show);
  rules.onEngineStatus(api.engine.status());
  const stops = [
    api.engine.onEvent((e) => each(rules.onEngineEvent(e))),
    api.engine.onStatus((s) => each(rules.onEngineStatus(s))),
    api.tasks.onChange((t) => each(rules.onTask(t))),
  ];
  return () => stops.forEach((stop) => stop());
}
