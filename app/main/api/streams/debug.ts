// The debug shell stream: busybox beside a container (engine/docker/debug-shell.ts), carried like a
// terminal and closed (the helper removed) when the view goes.
import type { SubscriptionHandlers } from '../types';

export const debugStreams: Pick<SubscriptionHandlers, 'containers.debug'> = {
  'containers.debug': async ({ id, cols, rows }, { engine, signal }) =>
    (await engine.api()).openDebugShell(id, { cols, rows }, signal),
};
