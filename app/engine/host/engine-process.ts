// One run of the engine process (dockerd or rootlesskit→dockerd): spawned in its own process group,
// stdout/stderr into the rotating log, with its exit as a promise.
import { spawn } from 'node:child_process';
import type { EngineCommand } from './native-config';
import type { RotatingLog } from './rotating-log';
import { isAlive, signal, waitGone } from './processes';

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
}

export function launchEngineProcess(
  cmd: EngineCommand,
  log: RotatingLog,
  env: Record<string, string | undefined>,
): EngineProcess {
  const child = spawn(cmd.file, cmd.args, {
    detached: true, // own process group: a Ctrl-C in Berth's terminal does not hit the engine directly
    stdio: ['ignore', 'pipe', 'pipe'],
    env: env as NodeJS.ProcessEnv,
  });
  child.stdout?.on('data', (b: Buffer) => log.write(b));
  child.stderr?.on('data', (b: Buffer) => log.write(b));
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
    async terminate(graceMs: number) {
      if (proc.exitInfo) return proc.exitInfo;
      signal(proc.pid, 'SIGTERM');
      signal(proc.pid, 'SIGCONT'); // a stopped (hung) process only acts on SIGTERM once continued
      const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), graceMs).unref());
      if ((await Promise.race([proc.exited, timer])) === 'timeout') {
        log.mark(`dockerd did not stop within ${Math.round(graceMs / 1000)} s of SIGTERM; sending SIGKILL`);
        signal(proc.pid, 'SIGKILL');
      }
      const info = await proc.exited;
      await waitGone([proc.pid].filter(isAlive), 1000);
      return info;
    },
  };
  return proc;
}
