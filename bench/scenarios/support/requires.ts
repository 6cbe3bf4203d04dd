// What a scenario needs of the machine, as its skip() reasons.
import { execFileSync } from 'node:child_process';

/** Undefined when `command args` runs here (exit 0), else `why`. */
export function missingUnlessRuns(command: string, args: string[], why: string): string | undefined {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return undefined;
  } catch {
    return why;
  }
}
