// Clean quit: streams and tasks end, then Berth's managed engine is stopped or left running as the
// setting says. Bounded by a timeout so a stuck engine cannot keep Berth from quitting.
import type { ApiContext } from '../api/context';
import type { DesktopSettings } from './desktop-settings';

export interface ClosableBackend {
  api: ApiContext;
  /** Ends every stream and stops a managed engine. */
  close(): Promise<void>;
}

export const SHUTDOWN_TIMEOUT_MS = 20_000;

/** Resolves with 'done', or 'timed-out' when the backend took longer than `timeoutMs`. */
export async function shutdownBackend(
  backend: ClosableBackend,
  engineOnQuit: DesktopSettings['engineOnQuit'],
  timeoutMs: number = SHUTDOWN_TIMEOUT_MS,
): Promise<'done' | 'timed-out'> {
  const work = async () => {
    if (engineOnQuit === 'leave' && backend.api.engine.status().managed) {
      // Leave the engine running: end Berth's own use of it (tasks, event stream, client) only.
      backend.api.tasks.cancelAll();
      await backend.api.engine.close();
    } else {
      await backend.close();
    }
    return 'done' as const;
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timed-out'>((resolve) => {
    timer = setTimeout(() => resolve('timed-out'), timeoutMs);
  });
  try {
    return await Promise.race([work().catch(() => 'done' as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
