// Purging the data of Berth's managed engine: what it would delete, counted from the engine itself
// (docker system df) and measured on disk, and the purge as a task: stop the engine, delete its
// data-root, start it empty. Offered only for the engine Berth runs on this machine (native or
// rootless); for any other engine a sentence says what purging would mean there and why Berth does
// not do it. The purge runs only with the token of a preview that still describes the engine, so
// what goes is exactly what the user was shown; the deletion never crosses into another file system
// (the engine's own mounts left below the data-root are unmounted first, one that will not unmount
// stops the purge before anything is deleted, and `rm --one-file-system` is the second guard).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PurgePreview } from '../../shared/contract/areas/troubleshoot';
import { BerthError } from '../../shared/errors';
import type { EngineClient } from '../docker/client';
import type { EngineTask } from '../docker/engine-task';
import { diskUsage } from '../docker/system';
import { findBinary } from './binaries';
import type { EngineHost } from './types';

type Managed = EngineHost & { kind: 'native' | 'rootless'; dataRoot: string };

/** The host when Berth may purge its data, else the sentence saying why not. */
export function purgeTarget(host: EngineHost | undefined): Managed | { reason: string } {
  if (!host)
    return {
      reason:
        'Berth does not run this engine (it was given a fixed engine, or none is active), so it offers no purge: the data belongs to whoever runs that engine.',
    };
  if ((host.kind === 'native' || host.kind === 'rootless') && host.dataRoot) return host as Managed;
  if (host.kind === 'external')
    return {
      reason: `${host.label} is not run by Berth, so Berth does not purge it: its data belongs to whoever runs it. Purging it would mean deleting every container, image, volume and the build cache there (docker system prune --all --volumes), which you can do with the docker CLI if that is what you want.`,
    };
  return {
    reason: `${host.label} keeps its data on the VM's own disk. Purging it would mean deleting that disk image, which Berth does not offer here yet; remove images, containers and volumes from their pages, or prune them under Disk usage.`,
  };
}

const sorted = (xs: string[]) => [...xs].sort();

/** Counts and sizes of everything the engine holds, and a token naming exactly that. */
async function inventory(client: EngineClient, dataRoot: string) {
  const df = await diskUsage(client);
  const token = createHash('sha256')
    .update(
      JSON.stringify([
        dataRoot,
        sorted(df.containers.items.map((c) => c.id)),
        sorted(df.images.items.map((i) => i.id)),
        sorted(df.volumes.items.map((v) => v.name)),
        sorted(df.buildCache.items.map((b) => b.id)),
      ]),
    )
    .digest('hex');
  return {
    containers: { count: df.containers.count, running: df.containers.active, size: df.containers.size },
    images: { count: df.images.count, size: df.images.size },
    volumes: { count: df.volumes.count, size: df.volumes.size },
    buildCache: { count: df.buildCache.count, size: df.buildCache.size },
    token,
  };
}

/** Bytes under `dir` on its own file system, as du counts them (hard links once); undefined with why. */
function measure(dir: string): Promise<{ bytes?: number; note?: string }> {
  return new Promise((resolve) =>
    execFile('du', ['-s', '-x', '-B1', dir], { timeout: 60_000 }, (err, out) => {
      const bytes = parseInt(String(out ?? '').split(/\s/)[0] ?? '', 10);
      if (!err && Number.isFinite(bytes)) return resolve({ bytes });
      resolve({ note: `du could not measure ${dir}${err ? `: ${err.message.split('\n')[0]}` : ''}` });
    }),
  );
}

const KEPT = [
  "The engine's settings (daemon.json) and its log are kept.",
  "Berth's own settings, registry sign-ins and recent compose projects are kept.",
  'Files outside the data-root (bind-mounted folders of your own) are never touched.',
];

/** What a purge would delete now, or why it is not offered. */
export async function purgePreview(
  host: EngineHost | undefined,
  client: () => Promise<EngineClient>,
): Promise<PurgePreview> {
  const target = purgeTarget(host);
  if ('reason' in target) return { offered: false, reason: target.reason };
  if (target.status().state !== 'running')
    throw new BerthError({
      kind: 'unavailable',
      message: `${target.label} is not running, so Berth cannot count what a purge would delete. Start it on the Engine page, then look again.`,
    });
  const [inv, disk] = await Promise.all([inventory(await client(), target.dataRoot), measure(target.dataRoot)]);
  return {
    offered: true,
    engine: target.label,
    dataRoot: target.dataRoot,
    ...inv,
    ...(disk.bytes !== undefined ? { onDisk: disk.bytes } : {}),
    ...(disk.note ? { onDiskNote: disk.note } : {}),
    kept: KEPT,
  };
}

/** Mount points at or under `dir` (from /proc/self/mountinfo). */
export function mountsUnder(dir: string, mountinfo = '/proc/self/mountinfo'): string[] {
  let text = '';
  try {
    text = readFileSync(mountinfo, 'utf8');
  } catch {
    return [];
  }
  const unescape = (s: string) => s.replace(/\\([0-7]{3})/g, (_m, o: string) => String.fromCharCode(parseInt(o, 8)));
  return text
    .split('\n')
    .map((l) => unescape(l.split(' ')[4] ?? ''))
    .filter((m) => m === dir || m.startsWith(`${dir}/`));
}

function run(file: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) =>
    execFile(file, args, { timeout: 15 * 60_000 }, (err, _out, stderr) =>
      err ? reject(new Error(String(stderr).trim().split('\n')[0] || err.message)) : resolve(),
    ),
  );
}

/**
 * The engine's own mounts left below the data-root by a stop (overlay layers of containers that were
 * running), unmounted deepest first; returns those still there. The data-root itself may be a mount
 * point (dockerd makes it a private bind mount): it stays, and only what is inside it is deleted.
 * A rootless engine's mounts live in its own namespace and end with it.
 */
async function releaseMounts(dataRoot: string, kind: Managed['kind']): Promise<string[]> {
  const below = () => mountsUnder(dataRoot).filter((m) => m !== dataRoot);
  if (kind === 'native')
    for (const m of below().sort((a, b) => b.length - a.length)) await run('umount', [m]).catch(() => undefined);
  return below();
}

/**
 * Deletes what is inside `dir` without leaving its file system; a rootless engine's files belong to
 * mapped ids, so rootlesskit deletes them.
 */
async function removeTree(dir: string, kind: Managed['kind']): Promise<void> {
  const inside = readdirSync(dir).map((n) => join(dir, n));
  if (!inside.length) return;
  const rm = ['-rf', '--one-file-system', '--', ...inside];
  if (kind === 'native') return run('rm', rm);
  const rootlesskit = findBinary('rootlesskit');
  if (!rootlesskit) throw new Error('rootlesskit is not installed, so the rootless engine’s files cannot be deleted');
  return run(rootlesskit, ['rm', ...rm]);
}

export interface PurgeControls {
  host: EngineHost | undefined;
  client(): Promise<EngineClient>;
  /** The preview's token. */
  token: string;
  /** Stop and start the engine the way the rest of Berth sees it (status, events, idle saver). */
  stop(): Promise<unknown>;
  start(): Promise<{ state: string; error?: { message: string } }>;
}

const changed = () =>
  new BerthError({
    kind: 'conflict',
    field: 'token',
    message:
      'The engine holds something else than when the statement was made (something was created or removed since). Nothing was deleted; read the new statement and confirm again.',
  });

/**
 * The purge as a task, after checking that the engine still holds exactly what the preview counted
 * (else refused at once, nothing deleted). Cancelling works until the engine has stopped; after that
 * the data-root goes and the engine starts again whatever happens.
 */
export async function purgeTask(c: PurgeControls): Promise<EngineTask> {
  const target = purgeTarget(c.host);
  if ('reason' in target) throw new BerthError({ kind: 'invalid', message: target.reason });
  if (target.status().state !== 'running') throw changed();
  const now = await inventory(await c.client(), target.dataRoot);
  if (now.token !== c.token) throw changed();
  const dataRoot = target.dataRoot;
  const what = `${now.containers.count} containers, ${now.images.count} images, ${now.volumes.count} volumes and ${now.buildCache.count} build cache entries`;
  return {
    kind: 'prune',
    title: `Purge the data of ${target.label}`,
    run: async (report, signal) => {
      report({ text: `Stopping ${target.label}`, current: 0, total: 3 });
      if (signal.aborted) throw new Error('cancelled');
      await c.stop();
      if (target.status().state !== 'stopped')
        throw new BerthError({
          kind: 'internal',
          message: `${target.label} did not stop, so nothing was deleted. Stop it on the Engine page and try again.`,
        });
      const mounts = await releaseMounts(dataRoot, target.kind);
      if (mounts.length) {
        await c.start();
        throw new BerthError({
          kind: 'conflict',
          message: `Something is still mounted inside ${dataRoot} (${mounts.slice(0, 3).join(', ')}) and could not be unmounted, so nothing was deleted. Unmount it, then purge again.`,
        });
      }
      report({ text: `Deleting ${dataRoot} (${what}); this step cannot be cancelled`, current: 1, total: 3 });
      let failure: string | undefined;
      await removeTree(dataRoot, target.kind).catch((err: Error) => (failure = err.message));
      report({ text: `Starting ${target.label} with no data`, current: 2, total: 3 });
      const after = await c.start();
      if (failure)
        throw new BerthError({
          kind: 'internal',
          message: `Deleting ${dataRoot} failed part way (${failure}); the engine was started again with what is left. Try the purge again, or delete the folder yourself while the engine is stopped.`,
        });
      if (after.state !== 'running')
        throw new BerthError({
          kind: 'unavailable',
          message: `The data was deleted, but ${target.label} did not start again${after.error ? `: ${after.error.message}` : ''}. Start it on the Engine page; its log says why.`,
        });
      report({ text: `Deleted ${what}; the engine runs, empty`, current: 3, total: 3 });
      return { containers: now.containers.count, images: now.images.count, volumes: now.volumes.count };
    },
  };
}
