// Container streams: logs, live stats, list samples and exec terminals, each handed to the pump.
import type { EngineClient } from '../../../engine/docker/client';
import { openExecSession } from '../../../engine/docker/exec';
import { readLogBytes } from '../../../engine/docker/logs';
import { streamStats } from '../../../engine/docker/stats';
import { StatsSampler } from '../../../engine/docker/stats-sampler';
import type { ExecItem, StatsSample, SubscriptionInput } from '../../../shared/contract';
import type { EngineAccess } from '../context';
import type { SubscriptionHandlers } from '../types';
import { fromListener } from './from-listener';

/**
 * One sampler per engine connection, shared by every list that shows stats; when the active host is
 * one of Berth's VMs, each round's counters come from it in one request (its containerStats()).
 */
const samplers = new WeakMap<EngineClient, StatsSampler>();

function samplerFor(client: EngineClient, engine: EngineAccess): StatsSampler {
  let s = samplers.get(client);
  if (!s) {
    s = new StatsSampler(client, { intervalMs: 2000, concurrency: 4, bulk: () => engine.vmHost()?.containerStats?.() });
    samplers.set(client, s);
  }
  return s;
}

/**
 * A terminal's input: it waits in the session (stream-input.ts) while this returns a promise: a
 * resize until the engine has it, keystrokes while the exec socket is full.
 */
export function terminalInput(session: Awaited<ReturnType<typeof openExecSession>>) {
  return (msg: SubscriptionInput<'containers.exec'>) => {
    if (msg.type === 'resize') return session.resize(msg.cols, msg.rows);
    return session.write(msg.data) ? undefined : session.drained();
  };
}

/** A terminal's items; `shell` names what runs for the status line (default: what the session says). */
export async function* execItems(
  session: Awaited<ReturnType<typeof openExecSession>>,
  shell = session.shell,
): AsyncGenerator<ExecItem> {
  yield { type: 'started', shell };
  for await (const data of session.output) yield { type: 'bytes', data };
  yield { type: 'exit', exitCode: await session.exit };
}

export const containerStreams: Pick<
  SubscriptionHandlers,
  'containers.logs' | 'containers.stats' | 'stats.sample' | 'containers.exec'
> = {
  'containers.logs': async ({ id, follow, tail, since, timestamps }, { engine, signal }) => ({
    batches: readLogBytes(await engine.client(), id, {
      follow,
      tail,
      timestamps,
      signal,
      ...(since !== undefined ? { since } : {}),
    }),
  }),
  'containers.stats': async ({ id }, { engine, signal }) => ({
    items: streamStats(await engine.client(), id, { signal }),
  }),
  'stats.sample': async ({ ids }, { engine, signal }) => {
    const sampler = samplerFor(await engine.client(), engine);
    return { batches: fromListener<StatsSample[]>(signal, (push) => sampler.subscribe(ids, push)) };
  },
  'containers.exec': async ({ id, shell, user, cols, rows }, { engine, signal }) => {
    const session = await openExecSession(await engine.client(), id, {
      cols,
      rows,
      ...(shell ? { shell } : {}),
      ...(user ? { user } : {}),
    });
    // Closed when the view goes, also when it went while the exec was opening.
    if (signal.aborted) void session.close();
    else signal.addEventListener('abort', () => void session.close(), { once: true });
    return {
      items: execItems(session),
      input: terminalInput(session),
    };
  },
};
