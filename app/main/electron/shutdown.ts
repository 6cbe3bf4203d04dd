// Clean quit: streams and tasks end, then Berth's managed engine is stopped or left running as the
// setting says. Bounded by a timeout so a stuck engine cannot keep Berth from quitting.
import type { BerthSettings } from '../../shared/contract/areas/settings';

export interface ClosableBackend {
  /** Ends every stream and task; stops the engine Berth started unless `stopEngine` is false. */
  close(opts?: { stopEngine?: boolean }): Promise<void>;
}

export const SHUTDOWN_TIMEOUT_MS = 20_000;

/** Resolves with 'done', or 'timed-out' when the backend took longer than `timeoutMs`. */
export async function shutdownBackend(
  backend: ClosableBackend,
  engineOnQuit: BerthSettings['engineOnQuit'],
  timeoutMs: number = SHUTDOWN_TIMEOUT_MS,
): Promise<'done' | 'timed-out'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timed-out'>((resolve) => {
    timer = setTimeout(() => resolve('timed-out'), timeoutMs);
  });
  const work = backend.close({ stopEngine: engineOnQuit === 'stop' }).then(
    () => 'done' as const,
    () => 'done' as const,
  );
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
