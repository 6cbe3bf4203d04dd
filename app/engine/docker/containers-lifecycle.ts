// Container lifecycle: start, stop, restart, kill, pause, unpause, rename, remove.
// Starting a running container or stopping a stopped one succeeds (the engine answers 304).
import { dialJson, type EngineClient } from './client';
import { attempt } from './errors';
import { validateContainerName, validateContainerRef, validateSignal, validateTimeout } from './validate';

function path(ref: string, action: string): string {
  return `/containers/${encodeURIComponent(ref)}/${action}`;
}

export async function startContainer(client: EngineClient, id: string): Promise<void> {
  const ref = validateContainerRef(id);
  await attempt(`start container "${ref}"`, () =>
    dialJson(client, { method: 'POST', path: path(ref, 'start'), ok: [204, 304] }),
  );
}

export interface StopOptions {
  /** Seconds to wait after SIGTERM before SIGKILL (engine default: the container's StopTimeout or 10). */
  timeout?: number;
}

export async function stopContainer(client: EngineClient, id: string, opts: StopOptions = {}): Promise<void> {
  const ref = validateContainerRef(id);
  const t = opts.timeout === undefined ? undefined : validateTimeout(opts.timeout);
  await attempt(`stop container "${ref}"`, () =>
    dialJson(client, { method: 'POST', path: path(ref, 'stop'), query: { t }, ok: [204, 304] }),
  );
}

export async function restartContainer(client: EngineClient, id: string, opts: StopOptions = {}): Promise<void> {
  const ref = validateContainerRef(id);
  const t = opts.timeout === undefined ? undefined : validateTimeout(opts.timeout);
  await attempt(`restart container "${ref}"`, () =>
    dialJson(client, { method: 'POST', path: path(ref, 'restart'), query: { t } }),
  );
}

export async function killContainer(client: EngineClient, id: string, opts: { signal?: string } = {}): Promise<void> {
  const ref = validateContainerRef(id);
  const signal = validateSignal(opts.signal ?? 'SIGKILL');
  await attempt(`send ${signal} to container "${ref}"`, () =>
    dialJson(client, { method: 'POST', path: path(ref, 'kill'), query: { signal } }),
  );
}

export async function pauseContainer(client: EngineClient, id: string): Promise<void> {
  const ref = validateContainerRef(id);
  await attempt(`pause container "${ref}"`, () => dialJson(client, { method: 'POST', path: path(ref, 'pause') }));
}

export async function unpauseContainer(client: EngineClient, id: string): Promise<void> {
  const ref = validateContainerRef(id);
  await attempt(`resume container "${ref}"`, () => dialJson(client, { method: 'POST', path: path(ref, 'unpause') }));
}

export async function renameContainer(client: EngineClient, id: string, newName: string): Promise<void> {
  const ref = validateContainerRef(id);
  const name = validateContainerName(newName, 'name');
  await attempt(`rename container "${ref}" to "${name}"`, () =>
    dialJson(client, { method: 'POST', path: path(ref, 'rename'), query: { name } }),
  );
}

export interface RemoveOptions {
  /** Kill it first if it runs. */
  force?: boolean;
  /** Also remove its anonymous volumes. */
  volumes?: boolean;
}

export async function removeContainer(client: EngineClient, id: string, opts: RemoveOptions = {}): Promise<void> {
  const ref = validateContainerRef(id);
  await attempt(`remove container "${ref}"`, () =>
    dialJson(client, {
      method: 'DELETE',
      path: `/containers/${encodeURIComponent(ref)}`,
      query: { force: !!opts.force, v: !!opts.volumes },
    }),
  );
}

/** Waits until the container stops; resolves its exit code. */
export async function waitContainer(
  client: EngineClient,
  id: string,
  condition: 'not-running' | 'next-exit' | 'removed' = 'not-running',
): Promise<number> {
  const ref = validateContainerRef(id);
  const r = await attempt(`wait for container "${ref}"`, () =>
    dialJson<{ StatusCode: number }>(client, { method: 'POST', path: path(ref, 'wait'), query: { condition } }),
  );
  return r.StatusCode;
}
