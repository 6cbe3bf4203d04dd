// A terminal in a pod's container (kubectl exec -it): the pod is read first, as kubectl does, so a
// pod that is not running, a container it does not have or one that has not started is a sentence
// rather than a refused upgrade; then client-node's Exec opens the channel websocket (stdin, stdout,
// resize, and the status channel with the exit code) and the session becomes the engine's shared
// terminal (engine/util/terminal.ts), the same one a container's exec is, with the same flow
// control: output is read from the socket only as fast as the view takes it, keystrokes wait while
// the socket is full, and the view's signal closes the websocket.
import { PassThrough } from 'node:stream';
import type { KubeConfig, V1Status } from '@kubernetes/client-node';
import type WebSocket from 'ws';
import { BerthError } from '../../shared/errors';
import { autoShell, readShellMark } from '../util/shell-mark';
import { terminalOf, type Terminal, type TerminalSession } from '../util/terminal';
import { channelSocket } from './channel-socket';
import { clientNode } from './client-node';
import { kubeJson } from './request';
import { resourcePath } from './resources';

export interface PodExecOptions {
  namespace: string;
  pod: string;
  /** Default: the pod's kubectl.kubernetes.io/default-container, else its first container. */
  container?: string;
  /** A shell to run instead of /bin/sh choosing bash when the container has it. */
  shell?: string;
  cols: number;
  rows: number;
}

/** The default: /bin/sh, which runs bash instead when the container has it and says which it ran. */
const AUTO_SHELL = autoShell('/bin/sh');
/** Output held before the socket is paused until the view has read it. */
const OUTPUT_HIGH_WATER = 256 * 1024;
/** Keystrokes held in the socket before input waits. */
const INPUT_HIGH_WATER = 256 * 1024;

interface ContainerStatus {
  name: string;
  state?: { running?: object; waiting?: { reason?: string }; terminated?: { reason?: string; exitCode?: number } };
}
interface PodObject {
  metadata?: { annotations?: Record<string, string> };
  spec?: { containers?: { name: string }[] };
  status?: { phase?: string; containerStatuses?: ContainerStatus[] };
}

/** The container to exec into, or a sentence saying why there is none. */
export function execTarget(pod: PodObject, name: string, wanted?: string): string {
  const containers = (pod.spec?.containers ?? []).map((c) => c.name);
  const phase = pod.status?.phase ?? 'Unknown';
  if (phase === 'Succeeded' || phase === 'Failed')
    throw new BerthError({
      kind: 'conflict',
      message: `The pod ${name} has ${phase === 'Succeeded' ? 'completed' : 'failed'} (phase ${phase}): its containers no longer run, so there is nothing to open a terminal in. Its logs are still readable.`,
    });
  const container =
    wanted ?? pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container'] ?? containers[0] ?? '';
  if (!containers.includes(container))
    throw new BerthError({
      kind: 'not-found',
      message: `The pod ${name} has no container named “${container}”. Its containers are: ${containers.join(', ') || 'none'}.`,
    });
  const state = pod.status?.containerStatuses?.find((s) => s.name === container)?.state;
  if (phase !== 'Running' || !state?.running) {
    const why = state?.waiting?.reason ?? state?.terminated?.reason ?? (phase === 'Pending' ? 'Pending' : phase);
    throw new BerthError({
      kind: 'conflict',
      message: `The container ${container} of pod ${name} is not running (${why}). A terminal opens in a running container: wait until it runs, or read its logs to see why it does not.`,
    });
  }
  return container;
}

/**
 * The exit code a status channel message carries (0 for Success), or a BerthError for a failure
 * that is not an exit: the runtime could not start `program` (the container has no such shell), or
 * another reason the cluster gave.
 */
export function exitOfStatus(s: V1Status, where: string, program: string): number {
  if (s.status === 'Success') return 0;
  if (s.reason === 'NonZeroExitCode') {
    const code = Number(s.details?.causes?.find((c) => c.reason === 'ExitCode')?.message);
    if (Number.isInteger(code)) return code;
  }
  if (/no such file or directory|executable file not found|not found in \$PATH/i.test(s.message ?? ''))
    throw new BerthError({
      kind: 'invalid',
      field: 'shell',
      message: `The ${where} has no shell at ${program}, so no terminal can open in it. Choose a shell it has (e.g. /bin/bash or /busybox/sh), or read its logs instead.`,
      ...(s.message ? { detail: s.message } : {}),
    });
  throw new BerthError({
    kind: 'internal',
    message: `The terminal in ${where} failed: ${s.message ?? 'the cluster gave no reason'}.`,
  });
}

/**
 * What a TTY-aware stream of client-node's Exec needs (rows, columns and 'resize' events), and the
 * output's flow control: client-node writes each stdout message here; while the view has not read
 * what is held, the socket is paused (TCP then holds the cluster back) and resumed once it drains.
 */
class TerminalOutput extends PassThrough {
  socket?: WebSocket;
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super({ highWaterMark: OUTPUT_HIGH_WATER });
    this.on('drain', () => this.socket?.resume());
  }
  override write(chunk: unknown, ...rest: never[]): boolean {
    const ok = super.write(chunk, ...rest);
    if (!ok) this.socket?.pause();
    return ok;
  }
}

/** The exec's websocket as a terminal session (see TerminalSession). */
async function podExecSession(
  kc: KubeConfig,
  o: PodExecOptions,
  container: string,
  signal: AbortSignal,
): Promise<TerminalSession> {
  const where = `container ${container} of pod ${o.pod}`;
  const command = o.shell ? [o.shell] : AUTO_SHELL;
  const stdout = new TerminalOutput(o.cols, o.rows);
  // Keystrokes are sent on channel 0 directly (below) so each send can be awaited; this stream only
  // tells client-node (and so the server) that the exec has a stdin.
  const stdin = new PassThrough();
  let status: V1Status | undefined;
  const { Exec } = clientNode();
  const socket = channelSocket(kc, { onCloseChannel: (ch) => ch === 1 && stdout.end(), signal });
  const conn = (await new Exec(kc, socket as never).exec(
    o.namespace,
    o.pod,
    container,
    command,
    stdout,
    null,
    stdin,
    true,
    (s) => (status = s),
  )) as unknown as WebSocket;
  stdout.socket = conn;
  let closing = false;
  // Watched from the start: a socket the runtime closes at once (no such shell) ends the output.
  const closed =
    conn.readyState === conn.CLOSED
      ? Promise.resolve()
      : new Promise<void>((resolve) => conn.once('close', () => resolve()));
  void closed.then(() => stdout.end());
  const exit = closed.then(() => (closing || !status ? null : exitOfStatus(status, where, command[0]!)));
  exit.catch(() => undefined); // told to whoever awaits it; never an unhandled rejection
  // Without a shell given, the script says which it ran (taken off the output before it is shown).
  // The view going meanwhile closes the socket, which ends the wait.
  let shell = o.shell ?? '';
  let head: Buffer | undefined;
  if (!o.shell) {
    const stop = () => conn.close(1000);
    if (signal.aborted) stop();
    else signal.addEventListener('abort', stop, { once: true });
    try {
      const seen = await readShellMark(stdout);
      shell = seen.shell ?? '';
      if (seen.rest.length) head = seen.rest;
    } finally {
      signal.removeEventListener('abort', stop);
    }
  }
  /** Resolves when the last keystrokes sent have left (or the socket closed). */
  let sent: Promise<void> = Promise.resolve();

  // The view went: a closing handshake (the server then ends the process); output the view will
  // not read no longer holds the socket.
  const close = async () => {
    if (conn.readyState === conn.OPEN || conn.readyState === conn.CONNECTING) {
      closing = true;
      conn.resume();
      conn.close(1000);
    }
    await closed;
  };

  async function* output(): AsyncGenerator<Uint8Array, void, undefined> {
    try {
      if (head) yield new Uint8Array(head);
      head = undefined;
      for await (const chunk of stdout as AsyncIterable<Buffer>) yield new Uint8Array(chunk);
    } finally {
      void close();
    }
  }

  return {
    shell,
    output: output(),
    write: (data) => {
      if (conn.readyState !== conn.OPEN) return false;
      const frame = Buffer.concat([Buffer.of(0), Buffer.from(data.buffer, data.byteOffset, data.byteLength)]);
      sent = new Promise<void>((resolve) => conn.send(frame, () => resolve()));
      return conn.bufferedAmount < INPUT_HIGH_WATER;
    },
    drained: () => (conn.readyState === conn.OPEN ? Promise.race([sent, closed]) : Promise.resolve()),
    resize: (cols, rows) => {
      // client-node's size queue sends it on the resize channel as {"Width","Height"}.
      stdout.columns = cols;
      stdout.rows = rows;
      stdout.emit('resize');
      return Promise.resolve();
    },
    close,
    exit,
  };
}

/** Opens a terminal in a running container of a pod; closed when `signal` fires (also while opening). */
export async function openPodExec(kc: KubeConfig, o: PodExecOptions, signal: AbortSignal): Promise<Terminal> {
  const pod = await kubeJson<PodObject>(kc, { path: resourcePath('pods', o.namespace, o.pod), signal });
  const container = execTarget(pod, o.pod, o.container);
  return terminalOf(await podExecSession(kc, o, container, signal), signal);
}
