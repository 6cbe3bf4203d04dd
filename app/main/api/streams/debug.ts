// The debug shell stream: busybox beside a container (engine/docker/debug-shell.ts), carried like a terminal.
import { openDebugShell } from '../../../engine/docker/debug-shell';
import type { SubscriptionHandlers } from '../types';
import { execItems, terminalInput } from './containers';

export const debugStreams: Pick<SubscriptionHandlers, 'containers.debug'> = {
  'containers.debug': async ({ id, cols, rows }, { engine, signal }) => {
    const session = await openDebugShell(await engine.client(), id, { cols, rows });
    // Closed (and the helper removed) when the view goes, also when it went while the shell was opening.
    if (signal.aborted) void session.close();
    else signal.addEventListener('abort', () => void session.close(), { once: true });
    return {
      items: execItems(session, 'busybox sh, debug'),
      input: terminalInput(session),
    };
  },
};
