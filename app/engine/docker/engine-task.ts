// Long-running work as the facade hands it out: what kind of task it is, its title, and its body.
// The facade checks its input before it returns one (a bad form is refused at once, next to its
// field); main's task centre runs the body, reports its progress and cancels it through the signal.
import type { TaskInfo, TaskProgress } from '../../shared/contract';

export interface EngineTask<R = unknown> {
  kind: TaskInfo['kind'];
  title: string;
  run(report: (p: TaskProgress) => void, signal: AbortSignal): Promise<R>;
}

/**
 * Runs a progress generator up to its first item before the task starts, so that bad input (a path
 * that does not exist, a context that is no folder) is refused at once, next to its field, rather
 * than as a failed task. The returned iterable yields that first item, then the rest.
 */
export async function primed<T>(gen: AsyncGenerator<T>): Promise<AsyncIterable<T>> {
  const first = await gen.next();
  return {
    async *[Symbol.asyncIterator]() {
      if (first.done) return;
      yield first.value;
      yield* { [Symbol.asyncIterator]: () => gen };
    },
  };
}

/** Aborts `ctl` when the task's signal fires, for work that was started (primed) before the task. */
export function abortWith(signal: AbortSignal, ctl: AbortController): () => void {
  const onAbort = () => ctl.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  return () => signal.removeEventListener('abort', onAbort);
}

const LOG_LINES = 200;

/** Feeds CLI output lines into a task's progress: the latest line as text, the last lines as log. */
export function progressFeed(report: (p: TaskProgress) => void, first: string) {
  const log: string[] = [];
  report({ text: first });
  return (line: { text: string } | string) => {
    const text = typeof line === 'string' ? line : line.text;
    log.push(text);
    if (log.length > LOG_LINES) log.shift();
    report({ text, log: [...log] });
  };
}
