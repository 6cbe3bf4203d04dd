// A terminal as the contract carries it (an exec or the debug shell): its items (started, bytes,
// exit) and its input (keystrokes, resizes), closed when the view's signal fires.
import type { ExecItem, SubscriptionInput } from '../../shared/contract';
import type { ExecSession } from './exec';

export interface Terminal {
  items: AsyncGenerator<ExecItem>;
  /**
   * A terminal's input: it waits in the session (main's stream-input.ts) while this returns a
   * promise: a resize until the engine has it, keystrokes while the exec socket is full.
   */
  input(msg: SubscriptionInput<'containers.exec'>): Promise<void> | undefined;
}

/** A terminal's items; `shell` names what runs for the status line (default: what the session says). */
export async function* execItems(session: ExecSession, shell = session.shell): AsyncGenerator<ExecItem> {
  yield { type: 'started', shell };
  for await (const data of session.output) yield { type: 'bytes', data };
  yield { type: 'exit', exitCode: await session.exit };
}

/** The session as a terminal, closed when `signal` fires, also when it fired while the session was opening. */
export function terminalOf(session: ExecSession, signal: AbortSignal, shell?: string): Terminal {
  if (signal.aborted) void session.close();
  else signal.addEventListener('abort', () => void session.close(), { once: true });
  return {
    items: execItems(session, shell),
    input: (msg) => {
      if (msg.type === 'resize') return session.resize(msg.cols, msg.rows);
      return session.write(msg.data) ? undefined : session.drained();
    },
  };
}
