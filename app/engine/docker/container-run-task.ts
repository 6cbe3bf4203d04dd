// A run whose output is kept ("remove when it exits", `docker run --rm`): the container runs as a
// task whose log is its output (the last lines, bounded) and whose result is its exit code, so the
// output is still there after the engine has removed the container. Cancelling kills it.
import type { RunTaskResult } from '../../shared/contract';
import type { EngineClient } from './client';
import type { RunSpec } from './container-run';
import { runContainerAttached } from './container-run-attached';
import type { EngineTask } from './engine-task';

export const RUN_LOG_LINES = 400;
const LINE_CHARS = 2000;

// Terminal control sequences (a TTY run's colours, cursor moves) do not belong in a text log.
const CONTROL =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|[\x00-\x08\x0b-\x1f\x7f]/g;

/** One line of output as the log keeps it: no control sequences, at most LINE_CHARS characters. */
export function logLine(text: string): string {
  const clean = text.replace(CONTROL, '');
  return clean.length > LINE_CHARS ? `${clean.slice(0, LINE_CHARS)}…` : clean;
}

/** The last `max` lines, and how many earlier ones were let go. */
export class LastLines {
  readonly lines: string[] = [];
  dropped = 0;
  constructor(private readonly max = RUN_LOG_LINES) {}
  push(text: string): void {
    this.lines.push(logLine(text));
    if (this.lines.length > this.max) {
      this.dropped += this.lines.length - this.max;
      this.lines.splice(0, this.lines.length - this.max);
    }
  }
  /** "· the last 400 lines are kept" once some were let go. */
  note(): string {
    return this.dropped ? ` · the last ${this.max} lines are kept` : '';
  }
}

function title(spec: RunSpec): string {
  const what = spec.name ?? [spec.image, ...(spec.command ?? [])].join(' ');
  return `Run ${what.length > 80 ? `${what.slice(0, 79)}…` : what}`;
}

export async function runKeepingOutput(
  client: EngineClient,
  spec: RunSpec,
  hostEnv: Record<string, string | undefined>,
): Promise<{ id: string; warnings: string[]; task: EngineTask<RunTaskResult> }> {
  // Create, attach and start before the task exists: a refusal goes back to the form, at its field.
  const run = await runContainerAttached(client, spec, { hostEnv });
  const task: EngineTask<RunTaskResult> = {
    kind: 'run',
    title: title(spec),
    run: async (report, signal) => {
      const onAbort = () => void run.stop();
      signal.addEventListener('abort', onAbort, { once: true });
      const log = new LastLines();
      try {
        report({ text: 'Running', log: [] });
        for await (const batch of run.output) {
          for (const l of batch) log.push(l.text);
          report({ text: `Running${log.note()}`, log: [...log.lines] });
        }
        const exit = await run.exit;
        const ended = exit.code === 137 ? 'Killed (exit code 137)' : `Exited with code ${exit.code}`;
        report({
          text: `${ended}${spec.autoRemove ? '; the container was removed' : ''}${log.note()}`,
          log: [...log.lines],
        });
        return { id: run.id, exitCode: exit.code, removed: !!spec.autoRemove };
      } finally {
        signal.removeEventListener('abort', onAbort);
      }
    },
  };
  return { id: run.id, warnings: run.warnings, task };
}
