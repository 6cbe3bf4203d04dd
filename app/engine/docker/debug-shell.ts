// A debug shell for any running container, also one without a shell (distroless, scratch): a helper
// container from the busybox image (debug-image.ts) joins the target's PID and network namespaces,
// so `ps` shows the target's processes and the target's files are at /proc/1/root; the terminal is
// an exec in the helper. The helper is removed when the terminal closes or its shell exits, and is
// labelled with its owner so a Berth that died leaves nothing for long (removeStaleDebugHelpers).
import { randomBytes } from 'node:crypto';
import { BerthError } from '../../shared/errors';
import { dialJson, type EngineClient } from './client';
import { inspectContainer } from './containers';
import { attempt } from './errors';
import { ensureDebugImage } from './debug-image';
import { openExecSession, type ExecSession } from './exec';
import { validateContainerRef } from './validate';
import { HELPER_LABEL, HELPER_OWNER_LABEL, owner, ownerAlive } from './volume-files';

export const DEBUG_HELPER = 'debug-shell';
/** The container a debug helper serves. */
export const DEBUG_TARGET_LABEL = 'berth.debug.target';

export interface DebugShellOptions {
  cols?: number;
  rows?: number;
  /** A static busybox to build the helper image from (default: the one installed here). */
  busyboxPath?: string;
}

const BANNER =
  "printf '\\033[2mBerth debug shell (busybox): the container'\\''s processes are below (ps), its files at /proc/1/root.\\033[0m\\r\\n'";

async function removeHelper(client: EngineClient, id: string): Promise<void> {
  await dialJson(client, {
    method: 'DELETE',
    path: `/containers/${encodeURIComponent(id)}`,
    query: { force: true, v: true },
    ok: [200, 204, 404],
  }).catch(() => undefined);
}

/** Opens a debug shell beside running container `id`; closing the session removes the helper. */
export async function openDebugShell(
  client: EngineClient,
  id: string,
  opts: DebugShellOptions = {},
): Promise<ExecSession & { helperId: string }> {
  const ref = validateContainerRef(id);
  const target = await inspectContainer(client, ref);
  const name = (target.Name ?? ref).replace(/^\//, '');
  if (!target.State?.Running || target.State.Paused)
    throw new BerthError({
      kind: 'conflict',
      message: `Could not open a debug shell in container "${name}": it is ${target.State?.Paused ? 'paused' : 'not running'}. Start it, then try again.`,
    });
  const what = `open a debug shell in container "${name}"`;
  const image = await ensureDebugImage(client, opts.busyboxPath ? { busyboxPath: opts.busyboxPath } : {});
  const created = await attempt(what, () =>
    dialJson<{ Id: string }>(client, {
      method: 'POST',
      path: '/containers/create',
      query: { name: `berth-debug-${name.slice(0, 40)}-${randomBytes(3).toString('hex')}` },
      body: {
        Image: image,
        Entrypoint: ['/bin/sleep'],
        Cmd: ['2147483647'],
        Labels: { [HELPER_LABEL]: DEBUG_HELPER, [HELPER_OWNER_LABEL]: owner(), [DEBUG_TARGET_LABEL]: target.Id },
        HostConfig: {
          PidMode: `container:${target.Id}`,
          NetworkMode: `container:${target.Id}`,
          // Reading another container's /proc/<pid>/root needs ptrace access to its processes.
          CapAdd: ['SYS_PTRACE'],
        },
      },
    }),
  );
  try {
    await attempt(what, () =>
      dialJson(client, { method: 'POST', path: `/containers/${created.Id}/start`, ok: [204, 304] }),
    );
    const session = await openExecSession(client, created.Id, {
      cmd: ['sh', '-c', `${BANNER}; exec sh`],
      env: ['PATH=/bin', 'PS1=debug # '],
      ...(opts.cols !== undefined ? { cols: opts.cols } : {}),
      ...(opts.rows !== undefined ? { rows: opts.rows } : {}),
    });
    // The shell's end (exit typed, or the session closed) removes the helper.
    const removed = session.exit.catch(() => null).then(() => removeHelper(client, created.Id));
    return {
      ...session,
      helperId: created.Id,
      close: async () => {
        await session.close();
        await removed;
      },
    };
  } catch (err) {
    await removeHelper(client, created.Id);
    throw err;
  }
}

/**
 * Removes debug helpers whose Berth is gone (a Berth that died with a debug shell open), or whose
 * target is gone. Helpers of a Berth still running here are left alone. Returns how many went.
 */
export async function removeStaleDebugHelpers(
  client: EngineClient,
  onRemoved?: (helper: { name: string; ageSeconds: number }) => void,
): Promise<number> {
  const list = await attempt('list debug helper containers', () =>
    dialJson<{ Id: string; Created: number; Names?: string[]; Labels?: Record<string, string> }[]>(client, {
      path: '/containers/json',
      query: { all: true, filters: JSON.stringify({ label: [`${HELPER_LABEL}=${DEBUG_HELPER}`] }) },
    }),
  );
  const now = Date.now() / 1000;
  let removed = 0;
  for (const c of list) {
    if (ownerAlive(c.Labels?.[HELPER_OWNER_LABEL])) continue;
    await removeHelper(client, c.Id);
    removed++;
    onRemoved?.({ name: (c.Names?.[0] ?? c.Id).replace(/^\//, ''), ageSeconds: Math.round(now - c.Created) });
  }
  return removed;
}
