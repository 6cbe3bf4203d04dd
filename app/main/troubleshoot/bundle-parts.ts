// What goes into the diagnostics bundle, part by part, in the order of the archive. Each part is
// collected when its turn comes (openDiagnosticsBundle redacts it); one that fails (the engine is
// down) becomes an .error.txt, so a bundle can always be made.
import { existsSync, readFileSync } from 'node:fs';
import { arch, platform, release, type, version as osVersion } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { diagnosticRows, formatDiagnostics, type BundlePart } from '../../engine/host';
import type { TaskInfo } from '../../shared/contract';
import { diagnosticContext } from '../api/diagnostic-context';
import type { HandlerContext } from '../api/types';
import { registryCredentials } from '../registry';

/** Berth's version, from the package.json above this file (sources) or above the bundle (out/main). */
export function berthVersion(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; dirname(dir) !== dir; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    try {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'berth' && pkg.version) return pkg.version;
    } catch {
      // not ours: keep looking
    }
  }
  return 'unknown';
}

function distribution(): string | undefined {
  try {
    return /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1];
  } catch {
    return undefined;
  }
}

/** A task as the bundle lists it: what, when and how it ended; no log, no result. */
const taskLine = (t: TaskInfo) => ({
  kind: t.kind,
  title: t.title,
  state: t.state,
  started: new Date(t.started).toISOString(),
  ...(t.ended ? { ended: new Date(t.ended).toISOString() } : {}),
  ...(t.error ? { error: t.error.message } : {}),
});

export function bundleParts(ctx: HandlerContext): BundlePart[] {
  const { engine, selection, settings, tasks } = ctx;
  const api = () => engine.api();
  const host = () => selection?.active;
  return [
    {
      name: 'versions.json',
      about: "Berth, Node, the operating system and kernel, and the engine's /version",
      content: async () => ({
        json: {
          berth: berthVersion(),
          node: process.versions.node,
          ...(process.versions.electron ? { electron: process.versions.electron } : {}),
          os: { type: type(), platform: platform(), arch: arch(), release: release(), version: osVersion() },
          ...(distribution() ? { distribution: distribution() } : {}),
          engine: await (await api()).engineVersionRaw().catch((e: Error) => ({ unavailable: e.message })),
        },
      }),
    },
    {
      name: 'checks.txt',
      about: 'The engine checks (as `berth diagnose` prints them): what passed, what failed and the fix',
      content: async () => {
        const rows = await diagnosticRows(diagnosticContext(engine, selection));
        return { text: formatDiagnostics(rows) };
      },
    },
    {
      name: 'engine/status.json',
      about: "The engine's state as Berth sees it: kind, address, state, the last failure and its log lines",
      content: async () => ({ json: { ...engine.status(), host: host()?.label } }),
    },
    {
      name: 'engine/info.json',
      about: "The engine's /info (docker info), secrets removed",
      content: async () => ({ json: await (await api()).engineInfoRaw() }),
    },
    {
      name: 'engine/objects.json',
      about: 'Containers, images, volumes and the build cache: names, states and sizes only',
      content: async () => ({ json: await (await api()).engineObjects() }),
    },
    {
      name: 'engine/engine.log',
      about: "The end of the managed engine's own log (dockerd, or Berth's VM)",
      content: async () => {
        const h = host();
        if (!h) return { none: 'Berth was given a fixed engine, so it has no engine log.' };
        if (!h.logFile || !existsSync(h.logFile))
          return { none: `${h.label} is not started by Berth, so its log is wherever that engine writes it.` };
        return { logFile: h.logFile };
      },
    },
    {
      name: 'engine/daemon.json',
      about: "The managed engine's daemon.json, secrets removed",
      content: async () => {
        const root = host()?.dataRoot;
        const file = root && join(dirname(root), 'daemon.json');
        if (!file || !existsSync(file)) return { none: 'This engine has no daemon.json of Berth’s.' };
        return { json: JSON.parse(readFileSync(file, 'utf8')) as unknown };
      },
    },
    {
      name: 'berth/log.txt',
      about: "Berth's own log lines of this session (Berth keeps no log file)",
      content: async () => {
        const lines = ctx.berthLog?.lines() ?? [];
        return lines.length ? { text: `${lines.join('\n')}\n` } : { none: 'Berth has logged nothing this session.' };
      },
    },
    {
      name: 'berth/tasks.json',
      about: 'The task centre: recent tasks, how they ended and their errors (no output)',
      content: async () => ({ json: tasks.list().map(taskLine) }),
    },
    {
      name: 'berth/settings.json',
      about: "Berth's settings, secrets removed",
      content: async () => ({ json: settings.get() }),
    },
    {
      name: 'berth/engine-choice.json',
      about: 'Which engine Berth uses and the engine address typed in settings, credentials removed',
      content: async () =>
        selection
          ? { json: selection.saved() }
          : {
              json: {
                fixed: true,
                note: 'berth serve --engine-socket fixed the engine',
                address: engine.status().address,
              },
            },
    },
    {
      name: 'berth/registries.json',
      about: 'Registries with a sign-in and where each is kept (no user names, no secrets)',
      content: async () => {
        const r = await registryCredentials().list();
        return {
          json: r.registries.map((e) => ({
            registry: e.key,
            signedIn: e.places.length > 0,
            keptIn: e.places.map((p) => p.kind),
            ...(e.problem ? { problem: e.problem } : {}),
          })),
        };
      },
    },
  ];
}
