// What the command palette offers for a query: pages, actions (start, stop, restart, resume a
// container; open its logs or a terminal; pull an image), and objects to open — best matches first.
import type { ContainerSummary, ImageSummary, VolumeSummary } from '../../../shared/contract';
import { imageRef } from '../../../shared/rules';
import { href, pages, type Page } from './router';

export type PaletteAction =
  | { kind: 'go'; to: string }
  | { kind: 'container'; verb: 'start' | 'stop' | 'restart' | 'unpause'; id: string; name: string }
  | { kind: 'pull'; ref: string }
  | { kind: 'theme'; theme: 'light' | 'dark' };

export interface PaletteEntry {
  label: string;
  /** What it is: "Page", "Action", "Container" … (shown beside it). */
  kind: string;
  action: PaletteAction;
  /** The object's name, so "web" ranks "web" and "Stop web" above "Stop website-old". */
  name?: string;
}

const pageLabel = (p: Page) => `Go to ${p[0]!.toUpperCase()}${p.slice(1)}`;

function containerEntries(c: ContainerSummary): PaletteEntry[] {
  const go = (to: string) => ({ kind: 'go', to }) as const;
  const verb = (v: 'start' | 'stop' | 'restart' | 'unpause') =>
    ({ kind: 'container', verb: v, id: c.id, name: c.name }) as const;
  const up = c.state === 'running';
  const out: PaletteEntry[] = [{ label: c.name, kind: 'Container', action: go(href('containers', c.id)) }];
  if (up) out.push({ label: `Stop ${c.name}`, kind: 'Action', action: verb('stop') });
  if (up || c.state === 'paused') out.push({ label: `Restart ${c.name}`, kind: 'Action', action: verb('restart') });
  if (c.state === 'paused') out.push({ label: `Resume ${c.name}`, kind: 'Action', action: verb('unpause') });
  if (!up && c.state !== 'paused' && c.state !== 'restarting')
    out.push({ label: `Start ${c.name}`, kind: 'Action', action: verb('start') });
  out.push({ label: `Logs of ${c.name}`, kind: 'Action', action: go(href('containers', c.id, 'logs')) });
  if (up)
    out.push({ label: `Terminal in ${c.name}`, kind: 'Action', action: go(href('containers', c.id, 'terminal')) });
  return out.map((e) => ({ ...e, name: c.name }));
}

export function paletteEntries(
  query: string,
  data: { containers: ContainerSummary[]; images: ImageSummary[]; volumes: VolumeSummary[] },
  max = 50,
): PaletteEntry[] {
  const all: PaletteEntry[] = [
    { label: 'Run a container…', kind: 'Action', action: { kind: 'go', to: '#/containers/new' } },
    ...pages.map((p) => ({ label: pageLabel(p), kind: 'Page', action: { kind: 'go', to: href(p) } }) as const),
    { label: 'Use the dark theme', kind: 'Action', action: { kind: 'theme', theme: 'dark' } },
    { label: 'Use the light theme', kind: 'Action', action: { kind: 'theme', theme: 'light' } },
    ...data.containers.flatMap(containerEntries),
    ...data.images.flatMap((i) =>
      (i.tags.length ? i.tags : [i.id.replace(/^sha256:/, '').slice(0, 12)]).map((t) => ({
        label: t,
        kind: 'Image',
        name: t,
        action: { kind: 'go', to: href('images', i.id) } as const,
      })),
    ),
    ...data.volumes.map((v) => ({
      label: v.name,
      kind: 'Volume',
      name: v.name,
      action: { kind: 'go', to: href('volumes', v.name) } as const,
    })),
  ];
  const q = query.trim().toLowerCase();
  if (!q) return all.slice(0, max);
  const rank = (e: PaletteEntry) => {
    const label = e.label.toLowerCase();
    const name = e.name?.toLowerCase();
    if (label === q || name === q) return 0;
    if (label.startsWith(q) || name?.startsWith(q)) return 1;
    return 2;
  };
  const found = all
    .filter((e) => e.label.toLowerCase().includes(q))
    .map((e, i) => ({ e, r: rank(e), i }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.e);
  // "docker pull" from the palette: a query that reads as an image reference
  const ref = query.trim();
  if (imageRef.safeParse(ref).success && !data.images.some((i) => i.tags.includes(ref)))
    found.push({ label: `Pull image ${ref}`, kind: 'Action', action: { kind: 'pull', ref } });
  return found.slice(0, max);
}
