// The FAKE API server's upgraded streams (no API server can run here): pods/exec over a websocket,
// as the API reference and the kubelet's streaming server answer it: the channel protocols (v5.channel.k8s.io, v4…), each binary message starting with its
// channel (0 stdin, 1 stdout, 2 stderr, 3 status as a meta/v1 Status with the exit code, 4 resize as
// {"Width","Height"}; v5 adds 255 + channel to close one), an empty message per output channel
// first, and a real local process as the "container" (a TTY through util-linux script(1), so typing
// echoes).
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

export const EXEC_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];

export interface FakeExecRecord {
  namespace: string;
  pod: string;
  container: string;
  command: string[];
  tty: boolean;
  protocol: string;
  /** Every resize the client sent, in order. */
  resizes: { width: number; height: number }[];
  /** The local process has ended. */
  ended: boolean;
  /** Output the server holds because the client has not read it (the websocket's buffered bytes). */
  held(): number;
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** A Status for the status channel: Success, or NonZeroExitCode with the code as kubelet words it. */
export function exitStatus(command: string[], code: number) {
  return code === 0
    ? { metadata: {}, status: 'Success' }
    : {
        metadata: {},
        status: 'Failure',
        message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${code}`,
        reason: 'NonZeroExitCode',
        details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
      };
}

/** Whether the "container" (this machine) can run `program`, as the runtime resolves it (a path, or a name on PATH). */
function runnable(program: string): boolean {
  const can = (file: string) => {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  if (program.includes('/')) return can(program);
  return (process.env.PATH ?? '').split(':').some((dir) => dir && can(path.join(dir, program)));
}

/** The Status the runtime's failed start gives on the status channel (runc's words through containerd). */
export function startFailureStatus(program: string) {
  const why = program.includes('/')
    ? `stat ${program}: no such file or directory`
    : `exec: "${program}": executable file not found in $PATH`;
  const message = `OCI runtime exec failed: exec failed: unable to start container process: ${program.includes('/') ? `exec: "${program}": ` : ''}${why}: unknown`;
  return {
    metadata: {},
    status: 'Failure',
    message,
    reason: 'InternalError',
    details: { causes: [{ message }] },
    code: 500,
  };
}

function frame(channel: number, data: Buffer | string = Buffer.alloc(0)): Buffer {
  return Buffer.concat([Buffer.of(channel), typeof data === 'string' ? Buffer.from(data) : data]);
}

/** The size a resize message names (Go's JSON decoding ignores the keys' case). */
function sizeOf(json: string): { width: number; height: number } | undefined {
  try {
    const v = JSON.parse(json) as Record<string, unknown>;
    const get = (k: string) => Number(Object.entries(v).find(([key]) => key.toLowerCase() === k)?.[1]);
    const width = get('width');
    const height = get('height');
    return Number.isFinite(width) && Number.isFinite(height) ? { width, height } : undefined;
  } catch {
    return undefined;
  }
}

function pick(offered: Set<string>, supported: string[]): string | false {
  for (const p of offered) if (supported.includes(p)) return p;
  return false;
}

export class FakeChannels {
  readonly execs: FakeExecRecord[] = [];
  /** While set, exec upgrades are held unanswered (a slow API server); `held` are their sockets. */
  hold = false;
  /** Programs the "container" does not have, though this machine does (e.g. '/bin/sh' of a distroless image). */
  readonly missing = new Set<string>();
  readonly held: Duplex[] = [];
  private readonly processes = new Set<ChildProcess>();
  private readonly sockets = new Set<WebSocket>();
  private readonly exec = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    handleProtocols: (p) => pick(p, EXEC_PROTOCOLS),
  });

  openExecCount(): number {
    return this.execs.filter((e) => !e.ended).length;
  }

  close(): void {
    for (const s of this.held) s.destroy();
    for (const p of this.processes) killTree(p);
    for (const s of this.sockets) s.terminate();
    this.exec.close();
  }

  /** Upgrades an exec whose pod, container and permissions the server has checked. */
  upgradeExec(
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    target: { namespace: string; pod: string; container: string },
    url: URL,
  ): void {
    if (this.hold) {
      this.held.push(socket);
      return;
    }
    const command = url.searchParams.getAll('command');
    const flag = (k: string) => ['true', '1'].includes(url.searchParams.get(k) ?? '');
    const tty = flag('tty');
    this.exec.handleUpgrade(req, socket, head, (ws) => {
      this.sockets.add(ws);
      const rec: FakeExecRecord = {
        ...target,
        command,
        tty,
        protocol: ws.protocol,
        resizes: [],
        ended: false,
        held: () => ws.bufferedAmount,
      };
      this.execs.push(rec);
      // As the kubelet: an empty message on each output channel once the stream is open.
      ws.send(frame(1));
      if (flag('stderr') && !tty) ws.send(frame(2));
      ws.send(frame(3));
      const program = command[0] ?? '';
      if (!runnable(program) || this.missing.has(program)) {
        rec.ended = true;
        ws.once('close', () => this.sockets.delete(ws));
        ws.send(frame(3, JSON.stringify(startFailureStatus(program))));
        ws.close(1000);
        return;
      }
      const child = tty
        ? spawn('script', ['-qfec', command.map(quote).join(' '), '/dev/null'], {
            detached: true,
            // A container has none of this machine's shell start-up files: an empty home, so an
            // interactive bash reads no ~/.bashrc (here one runs pyenv, which can wait on a lock).
            env: { ...process.env, HOME: containerHome(), SHELL: '/bin/sh', TERM: 'xterm-256color', PS1: '$ ' },
          })
        : spawn(command[0] ?? 'sh', command.slice(1), { detached: true });
      this.processes.add(child);
      child.stdout?.on('data', (d: Buffer) => ws.send(frame(1, d)));
      child.stderr?.on('data', (d: Buffer) => ws.send(frame(tty ? 1 : 2, d)));
      child.on('error', () => undefined);
      child.stdin?.on('error', () => undefined);
      child.on('close', (code) => {
        rec.ended = true;
        this.processes.delete(child);
        if (ws.readyState !== ws.OPEN) return;
        ws.send(frame(3, JSON.stringify(exitStatus(command, code ?? 137))));
        ws.close(1000);
      });
      ws.on('message', (data: Buffer, isBinary) => {
        if (!isBinary || data.length < 1) return;
        const channel = data[0]!;
        const body = data.subarray(1);
        if (channel === 0) child.stdin?.write(body);
        else if (channel === 4) {
          const size = sizeOf(body.toString('utf8'));
          if (size) rec.resizes.push(size);
        } else if (channel === 255 && body[0] === 0 && ws.protocol === 'v5.channel.k8s.io') child.stdin?.end();
      });
      ws.on('close', () => {
        this.sockets.delete(ws);
        if (!rec.ended) killTree(child);
      });
    });
  }
}

let home: string | undefined;
/** An empty home folder for the fake's "containers", made once per process. */
function containerHome(): string {
  return (home ??= mkdtempSync(path.join(tmpdir(), 'berth-fake-container-home-')));
}

function killTree(p: ChildProcess): void {
  try {
    if (p.pid) process.kill(-p.pid, 'SIGKILL');
  } catch {
    p.kill('SIGKILL');
  }
}
