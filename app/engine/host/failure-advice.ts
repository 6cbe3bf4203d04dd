// Turns the engine's last log lines into the daemon's own message and a suggested fix.
import type { NativeEnginePaths } from './paths';

const errorLine = /failed to start daemon|error starting daemon|unknown (shorthand )?flag|level=fatal|level=error|pid file found|permission denied|read-only file system|not a directory|address already in use|\berror\b/i;

/** dockerd's own explanation: the last log line that reads as an error, without logrus decoration. */
export function daemonMessage(lines: string[]): string | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] ?? '';
    if (/^--- berth /.test(line) || /rootlesskit:(parent|child) \] error: (child exited|command)/.test(line)) continue;
    if (!errorLine.test(line)) continue;
    const msg = /msg="((?:[^"\\]|\\.)*)"/.exec(line)?.[1];
    return (msg ?? line).replace(/\\"/g, '"').trim();
  }
  return undefined;
}

/** A suggested fix for a start-up failure, from the daemon's message. */
export function suggestFix(message: string | undefined, p: NativeEnginePaths): string {
  const m = message ?? '';
  if (/unknown (shorthand )?flag|flag provided but not defined|invalid argument/i.test(m)) {
    return "Remove or correct the engine flag it names in Berth's engine settings, then start the engine again.";
  }
  if (/pid file found/i.test(m)) {
    return `Another dockerd is using Berth's pidfile ${p.pidfile}. Quit the other Berth or stop that dockerd, then start again.`;
  }
  if (/permission denied|read-only file system|operation not permitted|not a directory/i.test(m)) {
    return `Make sure Berth's engine directory ${p.dir} is a writable directory owned by you (or move it with BERTH_HOME), then start again.`;
  }
  if (/address already in use/i.test(m)) return 'Another program uses the address the engine needs; stop it, then start again.';
  if (/no space left/i.test(m)) return `Free disk space on the disk holding ${p.dataRoot}, then start again.`;
  if (/overlay|storage-driver|graphdriver/i.test(m)) return "The storage driver failed; check the engine log and the kernel's overlay support, then start again.";
  return `Read the engine log at ${p.logFile} for the cause, fix it, then start the engine again.`;
}
