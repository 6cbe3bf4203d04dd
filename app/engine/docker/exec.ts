// Exec: an interactive TTY session over a hijacked connection (bytes in, bytes out, resize right
// after start and on demand, the socket destroyed on close), and a run-and-capture call.
import { readFileSync } from 'node:fs';
import type { Duplex } from 'node:stream';
import { TextDecoder } from 'node:util';
import { BerthError } from '../../shared/errors';
import { dialJson, dialUpgrade, isLocalEngine, type EngineClient } from './client';
import { attempt, toBerthError } from './errors';
import { FrameSplitter } from './log-demux-frames';
import { autoShell, readShellMark } from '../util/shell-mark';
import { invalidInput, validateContainerRef, validateEnv } from './validate';

export interface ExecCommonOptions {
  /** A user name or uid, optionally with :group. */
  user?: string;
  env?: string[];
  workingDir?: string;
}

export interface ExecSessionOptions extends ExecCommonOptions {
  /** The command to run; default: bash when the container has it, else sh (chosen inside the one exec). */
  cmd?: string[];
  /** A shell to use instead of choosing one (e.g. "/bin/zsh"). */
  shell?: string;
  cols?: number;
  rows?: number;
}

export interface ExecSession {
  readonly execId: string;
  /** The command that runs, e.g. ["bash"]; for a shell chosen in the exec, the one it chose. */
  readonly command: string[];
  /** What runs, for a status line: "bash", "sh", or the command given; "" when the shell did not say. */
  readonly shell: string;
  /** The terminal's output, as raw bytes. Stopping the iteration closes the session. */
  readonly output: AsyncIterable<Uint8Array>;
  /** Sends keystrokes or pasted text. Returns false when the socket's buffer is full: await drained(). */
  write(data: string | Uint8Array): boolean;
  /** Resolves once the socket takes input again (at once unless a write returned false), or has closed. */
  drained(): Promise<void>;
  resize(cols: number, rows: number): Promise<void>;
  /** Destroys the socket and ends the process if it still runs; resolves when it has ended. */
  close(): Promise<void>;
  /**
   * The exit code once the process ended (null if the engine does not know it). Like a child
   * process, it resolves after the output has been read to its end (or close() was called): an
   * unread output keeps the connection, and so the end, pending. Rejects with a sentence when the
   * session ended because the engine stopped or restarted (not a normal exit).
   */
  readonly exit: Promise<number | null>;
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

function checkSize(cols: number, rows: number): void {
  if (!Number.isInteger(cols) || cols < 1 || cols > 1000)
    throw invalidInput('cols', 'The terminal width is 1 to 1000 columns.');
  if (!Number.isInteger(rows) || rows < 1 || rows > 1000)
    throw invalidInput('rows', 'The terminal height is 1 to 1000 rows.');
}

function checkCommon(o: ExecCommonOptions): void {
  if (o.user !== undefined && !/^[a-zA-Z0-9_.-]+(:[a-zA-Z0-9_.-]+)?$/.test(o.user))
    throw invalidInput('user', 'A user is a name or uid, optionally with :group.');
  if (o.env !== undefined) validateEnv(o.env, 'env');
  if (o.workingDir !== undefined && !o.workingDir.startsWith('/'))
    throw invalidInput('workingDir', 'The working directory must be absolute.');
}

async function createExec(
  client: EngineClient,
  ref: string,
  body: Record<string, unknown>,
  what: string,
): Promise<string> {
  const r = await attempt(what, () =>
    dialJson<{ Id: string }>(client, { method: 'POST', path: `/containers/${encodeURIComponent(ref)}/exec`, body }),
  );
  return r.Id;
}

/** Opens the hijacked connection of a created exec; resolves the raw socket. */
function hijack(client: EngineClient, execId: string, tty: boolean): Promise<Duplex> {
  return dialUpgrade(client, { method: 'POST', path: `/exec/${execId}/start`, body: { Detach: false, Tty: tty } });
}

interface ExecInspect {
  ContainerID?: string;
  Running?: boolean;
  ExitCode?: number | null;
  Pid?: number;
}

function inspectExec(client: EngineClient, execId: string): Promise<ExecInspect> {
  return dialJson<ExecInspect>(client, { path: `/exec/${execId}/json` });
}

/** Waits up to `waitMs` for the exec to end; its last inspect. Throws when the engine cannot tell. */
async function waitExec(client: EngineClient, execId: string, waitMs: number): Promise<ExecInspect> {
  const deadline = Date.now() + waitMs;
  for (let delay = 5; ; delay = Math.min(delay * 2, 200)) {
    const r = await inspectExec(client, execId);
    if (!r.Running || Date.now() > deadline) return r;
    await new Promise((res) => setTimeout(res, delay));
  }
}

/**
 * Why a session's connection ended when the engine cannot say how the command ended: the engine
 * stopped (it no longer answers), or it restarted and forgot the session (execs live in its memory),
 * or the container is gone.
 */
async function endedByEngine(
  client: EngineClient,
  err: unknown,
  what: string,
  containerRef: string,
): Promise<BerthError> {
  const e = toBerthError(err, `find out how ${what} ended`);
  if (e.kind === 'unavailable')
    return new BerthError({
      kind: 'unavailable',
      message: `${what[0]!.toUpperCase()}${what.slice(1)} ended because the engine stopped. Start the engine again (Engine page), then open a new one.`,
      detail: e.detail ?? e.message,
    });
  if (e.kind === 'not-found') {
    const containerThere = await dialJson(client, { path: `/containers/${encodeURIComponent(containerRef)}/json` })
      .then(() => true)
      .catch(() => false);
    return new BerthError({
      kind: 'unavailable',
      message: containerThere
        ? `${what[0]!.toUpperCase()}${what.slice(1)} ended because the engine restarted (it no longer knows the session). Open a new one.`
        : `${what[0]!.toUpperCase()}${what.slice(1)} ended because its container was removed.`,
      detail: e.detail ?? e.message,
    });
  }
  return e;
}

/**
 * Waits (briefly) until the engine reports the exec ended; its exit code (null when it still runs
 * after `waitMs`). Rejects with a sentence when the engine stopped or forgot the session meanwhile.
 */
async function exitCodeOf(
  client: EngineClient,
  execId: string,
  what: string,
  containerRef: string,
  waitMs = 5000,
): Promise<number | null> {
  let r: ExecInspect;
  try {
    r = await waitExec(client, execId, waitMs);
  } catch (err) {
    throw await endedByEngine(client, err, what, containerRef);
  }
  return r.Running ? null : (r.ExitCode ?? null);
}

/** Whether `pid` on this machine is a process of that container (a forwarded socket's pids are not ours). */
function isContainerProcess(pid: number, containerId: string | undefined): boolean {
  if (!containerId) return false;
  try {
    return readFileSync(`/proc/${pid}/cgroup`, 'utf8').includes(containerId.slice(0, 12));
  } catch {
    return false;
  }
}

/** Resizes an exec's terminal. (dockerode treats the engine's 201 as an error; we accept 200 and 201.) */
export async function resizeExec(client: EngineClient, execId: string, cols: number, rows: number): Promise<void> {
  checkSize(cols, rows);
  await attempt('resize the terminal', () =>
    dialJson(client, {
      method: 'POST',
      path: `/exec/${encodeURIComponent(execId)}/resize`,
      query: { h: rows, w: cols },
      ok: [200, 201],
    }),
  );
}

/** Runs a command to completion and captures its output (no TTY). */
export async function execCapture(
  client: EngineClient,
  id: string,
  cmd: string[],
  opts: ExecCommonOptions & { stdin?: string | Uint8Array; timeoutMs?: number } = {},
): Promise<ExecResult> {
  const ref = validateContainerRef(id);
  if (!Array.isArray(cmd) || cmd.length === 0 || cmd.some((w) => typeof w !== 'string'))
    throw invalidInput('cmd', 'Give the command as a list of words.');
  checkCommon(opts);
  const what = `run "${cmd.join(' ')}" in container "${ref}"`;
  const execId = await createExec(
    client,
    ref,
    {
      AttachStdin: opts.stdin !== undefined,
      AttachStdout: true,
      AttachStderr: true,
      Tty: false,
      Cmd: cmd,
      ...(opts.user ? { User: opts.user } : {}),
      ...(opts.env ? { Env: opts.env } : {}),
      ...(opts.workingDir ? { WorkingDir: opts.workingDir } : {}),
    },
    what,
  );
  const sock = await attempt(what, () => hijack(client, execId, false));
  const splitter = new FrameSplitter();
  const dec = { stdout: new TextDecoder(), stderr: new TextDecoder() };
  let stdout = '';
  let stderr = '';
  const timer = opts.timeoutMs
    ? setTimeout(() => sock.destroy(new Error(`timed out after ${opts.timeoutMs} ms`)), opts.timeoutMs)
    : undefined;
  try {
    if (opts.stdin !== undefined) sock.end(opts.stdin);
    for await (const chunk of sock as AsyncIterable<Buffer>) {
      splitter.push(chunk, (stream, bytes) => {
        if (stream === 'stderr') stderr += dec.stderr.decode(bytes, { stream: true });
        else stdout += dec.stdout.decode(bytes, { stream: true });
      });
    }
  } catch (err) {
    throw toBerthError(err, what);
  } finally {
    if (timer) clearTimeout(timer);
    sock.destroy();
  }
  stdout += dec.stdout.decode();
  stderr += dec.stderr.decode();
  const code = await exitCodeOf(client, execId, `the command "${cmd.join(' ')}"`, ref);
  return { stdout, stderr, exitCode: code ?? -1 };
}

/** Without a command or a shell, a terminal runs bash when the container has it, else sh. */
const AUTO_SHELL = autoShell('sh');

function noShell(ref: string, detail: string): BerthError {
  return new BerthError({
    kind: 'invalid',
    field: 'shell',
    message: `Container "${ref}" has no shell (neither bash nor sh). Choose a command to run instead.`,
    ...(detail ? { detail } : {}),
  });
}

/** Opens an interactive terminal in a running container. */
export async function openExecSession(
  client: EngineClient,
  id: string,
  opts: ExecSessionOptions = {},
): Promise<ExecSession> {
  const ref = validateContainerRef(id);
  const cols = opts.cols ?? 80;
  const rows = opts.rows ?? 24;
  checkSize(cols, rows);
  checkCommon(opts);
  if (opts.cmd !== undefined && (!Array.isArray(opts.cmd) || opts.cmd.length === 0))
    throw invalidInput('cmd', 'Give the command as a list of words.');
  if (opts.shell !== undefined && !/^[a-zA-Z0-9_./-]{1,256}$/.test(opts.shell))
    throw invalidInput('shell', 'A shell is a program name or path.');
  const given = opts.cmd ?? (opts.shell ? [opts.shell] : undefined);
  const command = given ?? AUTO_SHELL;
  const what = `open a terminal in container "${ref}"`;
  const execId = await createExec(
    client,
    ref,
    {
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
      Tty: true,
      Cmd: command,
      Env: ['TERM=xterm-256color', ...(opts.env ?? [])],
      ...(opts.user ? { User: opts.user } : {}),
      ...(opts.workingDir ? { WorkingDir: opts.workingDir } : {}),
    },
    what,
  );
  const sock = await attempt(what, () => hijack(client, execId, true));
  sock.on('error', () => undefined); // surfaced through `output`; never crash the process
  // A session whose process ended at once may have closed its socket already.
  const closed = (sock as Duplex & { closed?: boolean }).closed
    ? Promise.resolve()
    : new Promise<void>((resolve) => sock.once('close', () => resolve()));
  const exit = closed.then(() => exitCodeOf(client, execId, 'the terminal', ref));
  exit.catch(() => undefined); // told to whoever awaits it; never an unhandled rejection
  // Resize right after start: the engine gives the TTY a default size until told otherwise.
  const resized = resizeExec(client, execId, cols, rows).catch(() => undefined);
  let running = command;
  /** Output read while waiting for the shell's mark, shown first. */
  let head: Buffer | undefined;
  if (!given) {
    const seen = await readShellMark(sock);
    if (seen.shell) running = [seen.shell];
    else if (seen.ended) {
      // No mark and the exec is over: its sh did not start (the engine wrote why).
      const code = await exit.catch(() => null);
      const text = seen.rest.toString('utf8').trim();
      if (code === 126 || code === 127 || /executable file not found|no such file/i.test(text)) {
        sock.destroy();
        throw noShell(ref, text);
      }
    }
    if (seen.rest.length) head = seen.rest;
  }
  await resized;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      sock.destroy();
      await closed;
      // Closing a terminal hangs up its session: the engine does so (not always promptly), and when
      // the engine is local and the process is that container's, we send SIGHUP ourselves right
      // away, then SIGKILL if it ignores it — so no shell outlives its window.
      let r = await inspectExec(client, execId).catch(() => undefined);
      for (const signal of ['SIGHUP', 'SIGKILL'] as const) {
        if (!r?.Running || !r.Pid || !isLocalEngine(client) || !isContainerProcess(r.Pid, r.ContainerID)) break;
        try {
          process.kill(r.Pid, signal);
        } catch {
          /* already gone */
        }
        r = await waitExec(client, execId, 2000).catch(() => undefined);
      }
      await exit.catch(() => undefined);
    })());

  async function* output(): AsyncGenerator<Uint8Array, void, undefined> {
    try {
      if (head) yield head;
      head = undefined;
      for await (const chunk of sock as AsyncIterable<Buffer>) yield chunk;
    } catch (err) {
      if (!closing) throw toBerthError(err, 'keep the terminal open');
    } finally {
      void close();
    }
  }

  return {
    execId,
    command: running,
    shell: running === AUTO_SHELL ? '' : running.join(' '),
    output: output(),
    write: (data) => (sock.destroyed ? false : sock.write(data)),
    drained: () =>
      sock.destroyed || !sock.writableNeedDrain
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            const done = () => {
              sock.off('drain', done);
              sock.off('close', done);
              resolve();
            };
            sock.on('drain', done);
            sock.on('close', done);
          }),
    resize: (c, r) => resizeExec(client, execId, c, r),
    close,
    exit,
  };
}
