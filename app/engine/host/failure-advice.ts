// Turns the engine's last log lines into the daemon's own message and a suggested fix.
import type { NativeEnginePaths } from './paths';

/** Most telling first: dockerd's fatal start-up lines, then error-level lines, then anything error-like. */
const tiers = [
  /failed to start (daemon|containerd)|error starting daemon|unknown (shorthand )?flag|pid file found|level=fatal/i,
  /level=error/i,
  /permission denied|read-only file system|not a directory|address already in use|\berror\b/i,
];

function clean(line: string): string {
  const msg = /msg="((?:[^"\\]|\\.)*)"/.exec(line)?.[1] ?? line;
  return msg
    .replace(/\\"/g, '"')
    .replace(/^Status: /, '')
    .replace(/, Code: \d+$/, '')
    .trim();
}

/** dockerd's own explanation: the most telling recent log line, without logrus decoration. */
export function daemonMessage(lines: string[]): string | undefined {
  const own = lines.filter(
    (l) =>
      !/^--- berth /.test(l) &&
      !/rootlesskit:(parent|child) \] error: (child exited|command)/.test(l) &&
      !/module=grpc/.test(l),
  );
  for (const tier of tiers) {
    for (let i = own.length - 1; i >= 0; i--) if (tier.test(own[i]!)) return clean(own[i]!);
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
  if (/address already in use/i.test(m))
    return 'Another program uses the address the engine needs; stop it, then start again.';
  if (/no space left/i.test(m)) return `Free disk space on the disk holding ${p.dataRoot}, then start again.`;
  if (/overlay|storage-driver|graphdriver/i.test(m))
    return "The storage driver failed; check the engine log and the kernel's overlay support, then start again.";
  return `Read the engine log at ${p.logFile} for the cause, fix it, then start the engine again.`;
}
