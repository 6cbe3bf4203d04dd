// A run whose output is kept, like `docker run` without -d: the output stream and the wait are
// opened before the container starts, so nothing it prints is lost and its exit code is known even
// when the engine removes it the moment it exits ("remove when it exits", `--rm`).
import type { IncomingMessage } from 'node:http';
import type { LogLine } from '../../shared/contract/dto';
import { dialStream, type EngineClient } from './client';
import { createContainer, startCreated, type RunOptions, type RunSpec } from './container-run';
import { attempt } from './errors';
import { killContainer, removeContainer } from './containers-lifecycle';
import { linesFromResponse } from './logs';

export interface RunExit {
  /** The process's exit code (137 after a kill). */
  code: number;
  /** The engine's note when it could not wait properly (rare). */
  error?: string;
}

export interface AttachedRun {
  id: string;
  warnings: string[];
  /** The container's output in batches of lines, until it exits (or `stop` is called). */
  output: AsyncGenerator<LogLine[], void, undefined>;
  /** Settles once the container has exited (and, when it removes itself, has been removed). */
  exit: Promise<RunExit>;
  /** Gives up following: kills the container if it still runs, lets the exit settle, closes both streams. */
  stop(): Promise<void>;
}

async function readBody(res: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of res) parts.push(chunk as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

/** Creates the container, attaches to its output, waits for its exit, then starts it. */
export async function runContainerAttached(
  client: EngineClient,
  spec: RunSpec,
  opts: RunOptions = {},
): Promise<AttachedRun> {
  const created = await createContainer(client, spec, opts);
  const id = created.id;
  const path = `/containers/${encodeURIComponent(id)}`;
  const opened: IncomingMessage[] = [];
  const closeAll = () => opened.forEach((r) => r.destroy());
  try {
    opened.push(
      await attempt(`attach to container "${spec.name ?? id.slice(0, 12)}"`, () =>
        dialStream(client, {
          method: 'POST',
          path: `${path}/attach`,
          query: { stream: true, stdout: true, stderr: true, logs: false },
        }),
      ),
    );
    // The engine registers the wait before it answers, so once the answer's head is here no exit is missed.
    opened.push(
      await attempt(`wait for container "${spec.name ?? id.slice(0, 12)}"`, () =>
        dialStream(client, {
          method: 'POST',
          path: `${path}/wait`,
          query: { condition: spec.autoRemove ? 'removed' : 'next-exit' },
        }),
      ),
    );
  } catch (err) {
    closeAll();
    await removeContainer(client, id, { force: true, volumes: true }).catch(() => undefined);
    throw err;
  }
  const [attached, waited] = opened as [IncomingMessage, IncomingMessage];
  try {
    await startCreated(client, spec, id);
  } catch (err) {
    closeAll();
    throw err;
  }
  const exit = readBody(waited).then(
    (body): RunExit => {
      const r = JSON.parse(body || '{}') as { StatusCode?: number; Error?: { Message?: string } | null };
      return { code: r.StatusCode ?? -1, ...(r.Error?.Message ? { error: r.Error.Message } : {}) };
    },
    (err: unknown): RunExit => ({ code: -1, error: (err as Error).message }),
  );
  const stopper = new AbortController();
  return {
    id,
    warnings: created.warnings,
    output: linesFromResponse(attached, { tty: !!spec.tty }, stopper.signal),
    exit,
    async stop() {
      stopper.abort();
      await killContainer(client, id).catch(() => undefined);
      // the exit (and, with --rm, the removal) follows the kill; do not wait forever for it
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exit, new Promise((r) => (timer = setTimeout(r, 10_000)))]);
      clearTimeout(timer);
      closeAll();
    },
  };
}
