// The managed engine's daemon.json: read it, check an edited text (problems, changes key by key,
// what a restart does), and apply it: refused before anything is written when it has a problem;
// otherwise written atomically and the engine restarted, and when dockerd refuses to start with it,
// the previous file is put back and the engine started again, with dockerd's words for the user.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type {
  DaemonConfigApplied,
  DaemonConfigCheck,
  DaemonConfigView,
} from '../../shared/contract/areas/engine-config';
import { BerthError } from '../../shared/errors';
import { dialJson, type EngineClient } from '../docker/client';
import { writeFileAtomically } from '../util/atomic-write';
import { berthKeys } from './daemon-json/berth-flags';
import { diffDaemonConfig } from './daemon-json/diff';
import { parseJsonWithPlaces } from './daemon-json/json-places';
import { restartEffect, type RunningContainer } from './daemon-json/restart-effect';
import { validateDaemonText } from './daemon-json/validate';
import { NativeHost } from './native-host';
import type { EngineHost } from './types';

/** The active host, or "fixed" when Berth was started with one engine it does not run (--engine-socket). */
export type DaemonConfigTarget = EngineHost | undefined | 'fixed';

const EMPTY = '{}\n';

function managedOrWhy(target: DaemonConfigTarget): NativeHost | string {
  if (target instanceof NativeHost) return target;
  if (target === 'fixed')
    return "Berth was started with a fixed engine (berth serve --engine-socket) that it connects to but does not start, so it cannot change that engine's daemon.json or restart it. Edit the engine's own daemon.json (usually /etc/docker/daemon.json) and restart it there.";
  if (!target) return "No engine is active. Choose Berth's own engine under Engines to edit its settings here.";
  if (target.kind === 'external')
    return `${target.label} is an engine Berth connects to but does not start, so Berth cannot change its daemon.json or restart it. Edit that engine's own daemon.json (usually /etc/docker/daemon.json) and restart it there.`;
  return `${target.label} runs dockerd inside Berth's VM, whose daemon.json cannot be edited here yet: only Berth's own engine on this machine (native or rootless) can.`;
}

function requireManaged(target: DaemonConfigTarget): NativeHost {
  const m = managedOrWhy(target);
  if (typeof m === 'string') throw new BerthError({ kind: 'invalid', message: m });
  return m;
}

const versionOf = (text: string | undefined) =>
  text === undefined ? 'none' : createHash('sha256').update(text).digest('hex').slice(0, 32);

function readFile(host: NativeHost): string | undefined {
  const path = host.paths.daemonConfig;
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

/** The settings the engine runs with now ({} when the file is missing or not a JSON object). */
function settingsOf(text: string | undefined): Record<string, unknown> {
  const r = parseJsonWithPlaces(text ?? EMPTY);
  const v = r.ok ? r.json.value : undefined;
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

export function readDaemonConfig(target: DaemonConfigTarget): DaemonConfigView {
  const m = managedOrWhy(target);
  if (typeof m === 'string')
    return { managed: false, reason: m, text: '', version: 'none', berthKeys: [], running: false };
  const text = readFile(m);
  return {
    managed: true,
    text: text ?? EMPTY,
    version: versionOf(text),
    path: m.paths.daemonConfig,
    berthKeys: berthKeys(m.commandLineFlags()),
    running: m.status().state === 'running',
  };
}

interface ContainerSummary {
  Id: string;
  Names?: string[];
}
interface ContainerInspect {
  HostConfig?: { RestartPolicy?: { Name?: string } };
}

/** The running containers and their restart policies (at most 200, read 8 at a time). */
async function runningContainers(client: EngineClient): Promise<RunningContainer[]> {
  const list = (await dialJson<ContainerSummary[]>(client, { path: '/containers/json' })).slice(0, 200);
  const out: RunningContainer[] = [];
  for (let i = 0; i < list.length; i += 8) {
    const batch = await Promise.all(
      list.slice(i, i + 8).map(async (c) => {
        const name = (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, '');
        const inspected = await dialJson<ContainerInspect>(client, { path: `/containers/${c.Id}/json` }).catch(
          () => undefined, // removed meanwhile
        );
        return inspected ? { name, restartPolicy: inspected.HostConfig?.RestartPolicy?.Name ?? '' } : undefined;
      }),
    );
    for (const c of batch) if (c) out.push(c);
  }
  return out;
}

export async function checkDaemonConfig(
  target: DaemonConfigTarget,
  text: string,
  client: () => Promise<EngineClient>,
): Promise<DaemonConfigCheck> {
  const host = requireManaged(target);
  const check = validateDaemonText(text, berthKeys(host.commandLineFlags()));
  const before = settingsOf(readFile(host));
  const after = check.parsed;
  const running = host.status().state === 'running';
  const containers = running ? await runningContainers(await client()) : [];
  return {
    valid: check.problems.length === 0,
    problems: check.problems,
    warnings: check.warnings,
    ...(after ? { parsed: after } : {}),
    changes: after ? diffDaemonConfig(before, after) : [],
    restart: restartEffect({
      running,
      liveRestoreBefore: before['live-restore'] === true,
      liveRestoreAfter: (after ?? before)['live-restore'] === true,
      containers,
    }),
  };
}

const notWritten = (path: string, err: unknown) =>
  new BerthError({
    kind: 'unavailable',
    message: `Berth could not write ${path} (${(err as Error).message}), so the engine keeps its current settings. Check that the disk has room and the folder is writable, then apply again.`,
  });

/** One apply at a time per file. */
const queues = new Map<string, Promise<unknown>>();

function oneAtATime<T>(key: string, run: () => Promise<T>): Promise<T> {
  const next = (queues.get(key) ?? Promise.resolve()).catch(() => undefined).then(run);
  queues.set(key, next);
  void next.finally(() => queues.get(key) === next && queues.delete(key)).catch(() => undefined);
  return next;
}

export function applyDaemonConfig(
  target: DaemonConfigTarget,
  text: string,
  version: string,
): Promise<DaemonConfigApplied> {
  const host = requireManaged(target);
  const path = host.paths.daemonConfig;
  return oneAtATime(path, async () => {
    const previous = readFile(host);
    if (versionOf(previous) !== version)
      throw new BerthError({
        kind: 'conflict',
        message:
          "The engine's daemon.json changed since you opened it (in another window or by hand). Reload the settings to see the change, then make your edit again.",
      });
    const check = validateDaemonText(text, berthKeys(host.commandLineFlags()));
    const first = check.problems[0];
    if (first || !check.parsed) {
      const more = check.problems.length - 1;
      throw new BerthError({
        kind: 'invalid',
        message: `${first?.message ?? 'The settings are not a JSON object.'}${more > 0 ? ` (and ${more} more problem${more === 1 ? '' : 's'})` : ''} Nothing was saved and the engine was not restarted.`,
        ...(first?.key ? { field: first.key } : {}),
        ...(more > 0 ? { detail: check.problems.map((p) => p.message).join('\n') } : {}),
      });
    }
    const next = text.endsWith('\n') ? text : `${text}\n`;
    const changes = diffDaemonConfig(settingsOf(previous), check.parsed);
    if (!changes.length) {
      try {
        if (next !== previous) writeFileAtomically(path, next);
      } catch (err) {
        throw notWritten(path, err);
      }
      return {
        outcome: 'unchanged',
        message: 'No setting changes, so the engine was not restarted.',
        version: versionOf(readFile(host)),
      };
    }
    await host.stop();
    try {
      writeFileAtomically(path, next);
    } catch (err) {
      await host.start().catch(() => undefined);
      throw notWritten(path, err);
    }
    try {
      await host.start();
      return {
        outcome: 'applied',
        message: `The engine restarted with the new settings (${changes.length} change${changes.length === 1 ? '' : 's'}).`,
        version: versionOf(next),
      };
    } catch (err) {
      const engineMessage = host.status().failure?.message ?? (err as Error).message;
      writeFileAtomically(path, previous ?? EMPTY);
      await host.stop();
      try {
        await host.start();
      } catch (again) {
        throw new BerthError({
          kind: 'unavailable',
          message: `dockerd refused the new settings (${engineMessage}), and after Berth put the previous daemon.json back it did not start either: ${(again as Error).message}`,
        });
      }
      return {
        outcome: 'rolled-back',
        message: `dockerd refused the new settings, so Berth put the previous daemon.json back and the engine runs with it again. dockerd said: ${engineMessage}`,
        engineMessage,
        version: versionOf(readFile(host)),
      };
    }
  });
}
