// One run of the engine process (dockerd or rootlesskit→dockerd): spawned in its own process group
// with stdout/stderr appended straight to the engine log (so it keeps logging, and running, when Berth
// dies), or adopted from an earlier Berth session; either way with its exit as a promise.
import { spawn } from 'node:child_process';
import { closeSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import type { EngineCommand } from './native-config';
import type { RotatingLog } from './rotating-log';
import { isAlive, signal, sleep, waitGone } from './processes';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** "exit code 1", "signal SIGKILL", or the spawn error. */
  description: string;
}

export interface EngineProcess {
  pid: number;
  exited: Promise<ExitInfo>;
  /** Set once the process has exited. */
  exitInfo: ExitInfo | undefined;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when it has exited. */
  terminate(graceMs: number): Promise<ExitInfo>;
  /** True when an earlier Berth session started it and this one adopted it. */
  adopted?: boolean;
}

/** SIGTERM (and SIGCONT: a stopped, hung process only acts on it once continued), then SIGKILL. */
async function terminateProcess(proc: EngineProcess, log: RotatingLog, graceMs: number): Promise<ExitInfo> {
  if (proc.exitInfo) return proc.exitInfo;
  signal(proc.pid, 'SIGTERM');
  signal(proc.pid, 'SIGCONT');
  const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), graceMs).unref());
  if ((await Promise.race([proc.exited, timer])) === 'timeout') {
    log.mark(`dockerd did not stop within ${Math.round(graceMs / 1000)} s of SIGTERM; sending SIGKILL`);
    signal(proc.pid, 'SIGKILL');
  }
  const info = await proc.exited;
  await waitGone([proc.pid].filter(isAlive), 1000);
  return info;
}

export function launchEngineProcess(
  cmd: EngineCommand,
  log: RotatingLog,
  env: Record<string, string | undefined>,
): EngineProcess {
  const out = log.appendFd();
  let child;
  try {
    child = spawn(cmd.file, cmd.args, {
      detached: true, // own process group: a Ctrl-C in Berth's terminal does not hit the engine directly
      stdio: ['ignore', out, out],
      env: env as NodeJS.ProcessEnv,
    });
  } finally {
    closeSync(out);
  }
  const proc: EngineProcess = {
    pid: child.pid ?? -1,
    exitInfo: undefined,
    exited: new Promise<ExitInfo>((resolve) => {
      let done = false;
      const finish = (info: ExitInfo) => {
        if (done) return;
        done = true;
        proc.exitInfo = info;
        resolve(info);
      };
      child.on('error', (err) => {
        log.write(`${err.message}\n`);
        finish({ code: null, signal: null, description: err.message });
      });
      child.on('exit', (code, sig) => {
        finish({ code, signal: sig, description: sig ? `signal ${sig}` : `exit code ${code}` });
      });
    }),
    terminate: (graceMs) => terminateProcess(proc, log, graceMs),
  };
  return proc;
}

/**
 * A dockerd an earlier Berth session started, taken over by this one. It is not our child, so its exit
 * is noticed through a connection it holds open: an idle /events request on its socket, which the
 * kernel closes the moment the process dies. When the connection ends while the process still lives
 * (shutting down, or the stream dropped), its liveness is checked with a short capped backoff.
 */
export function adoptEngineProcess(pid: number, socketPath: string): EngineProcess & { release(): void } {
  let released = false;
  let sock: Socket | undefined;
  let resolveExit!: (info: ExitInfo) => void;
  const proc: EngineProcess & { release(): void } = {
    pid,
    adopted: true,
    exitInfo: undefined,
    exited: new Promise<ExitInfo>((r) => (resolveExit = r)),
    terminate: async (graceMs) => {
      if (proc.exitInfo) return proc.exitInfo;
      signal(pid, 'SIGTERM');
      signal(pid, 'SIGCONT');
      const left = await waitGone([pid], graceMs);
      if (left.length) signal(pid, 'SIGKILL');
      await waitGone(left, 3000);
      return settle();
    },
    release() {
      released = true;
      sock?.destroy();
    },
  };
  function settle(): ExitInfo {
    if (!proc.exitInfo) {
      proc.exitInfo = {
        code: null,
        signal: null,
        description: 'exit status unknown: an earlier Berth session started it',
      };
      released = true;
      sock?.destroy();
      resolveExit(proc.exitInfo);
    }
    return proc.exitInfo;
  }
  const watchConnection = async (): Promise<void> => {
    for (let delay = 50; !released && !proc.exitInfo; delay = Math.min(delay * 2, 1000)) {
      if (!isAlive(pid)) return void settle();
      const opened = await new Promise<boolean>((resolve) => {
        const s = connect(socketPath);
        sock = s;
        s.on('connect', () => {
          // A filter nothing matches: the stream stays silent and costs nothing until the engine goes.
          const filters = encodeURIComponent(JSON.stringify({ label: ['berth.adopted-engine-watch'] }));
          s.write(`GET /events?filters=${filters} HTTP/1.1\r\nHost: docker\r\n\r\n`);
          delay = 25;
          resolve(true);
        });
        s.on('data', () => undefined);
        s.on('error', () => resolve(false));
        s.on('close', () => resolve(false));
      });
      if (opened) await new Promise((r) => sock!.once('close', r));
      if (released) return;
      await sleep(delay);
    }
  };
  void watchConnection();
  return proc;
}
