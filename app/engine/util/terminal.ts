// A terminal as the contract carries it (a container's exec, its debug shell, a pod's exec): its
// items (started, bytes, exit) and its input (keystrokes, resizes), closed when the view's signal
// fires. The session under it (the engine's hijacked socket, a cluster's channel websocket) gives
// the flow control: output is read only as fast as the view takes it, input waits while the
// session's socket is full.
import type { ExecInput, ExecItem } from '../../shared/contract/exec-input';

/** What a terminal needs of a session, whoever runs it. */
export interface TerminalSession {
  /** What runs, for the status line ("" when not known). */
  readonly shell: string;
  /** The terminal's output, as raw bytes. Stopping the iteration closes the session. */
  readonly output: AsyncIterable<Uint8Array>;
  /** Sends keystrokes or pasted text. Returns false when the socket's buffer is full: await drained(). */
  write(data: Uint8Array): boolean;
  /** Resolves once the socket takes input again, or has closed. */
  drained(): Promise<void>;
  resize(cols: number, rows: number): Promise<void>;
  /** Ends the session; resolves when it has ended. */
  close(): Promise<void>;
  /** The exit code once the process ended (null if unknown); rejects with a sentence for an end that is not an exit. */
  readonly exit: Promise<number | null>;
}

export interface Terminal {
  items: AsyncGenerator<ExecItem>;
  /**
   * A terminal's input: it waits in the session (main's stream-input.ts) while this returns a
   * promise: a resize until the engine has it, keystrokes while the session's socket is full.
   */
  input(msg: ExecInput): Promise<void> | undefined;
}

/** A terminal's items; `shell` names what runs for the status line (default: what the session says). */
export async function* execItems(session: TerminalSession, shell = session.shell): AsyncGenerator<ExecItem> {
  yield { type: 'started', shell };
  for await (const data of session.output) yield { type: 'bytes', data };
  yield { type: 'exit', exitCode: await session.exit };
}

/** The session as a terminal, closed when `signal` fires, also when it fired while the session was opening. */
export function terminalOf(session: TerminalSession, signal: AbortSignal, shell?: string): Terminal {
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
