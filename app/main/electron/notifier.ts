// Shows a notification natively; a click opens the page it is about.
import { Notification } from 'electron';
import type { NotificationSpec } from './notification-rules';

/** Shown notifications are kept referenced until closed, so their click handlers are not collected. */
const live = new Set<Notification>();

export function showNotification(
  spec: Pick<NotificationSpec, 'title' | 'body' | 'route'>,
  open: (route: string) => void,
  icon?: string,
): void {
  if (!Notification.isSupported()) return;
  const n = new Notification({ title: spec.title, body: spec.body, ...(icon ? { icon } : {}) });
  live.add(n);
  n.on('click', () => open(spec.route));
  n.on('close', () => live.delete(n));
  n.on('failed', () => live.delete(n));
  n.show();
  // Bound the set in case a platform never reports close.
  if (live.size > 50) live.delete(live.values().next().value!);
}
