// Who uses what: one /containers/json?all=1 call (never with size) tells which containers use each
// image, volume and network. Lists of images, volumes and networks share this.
import { dialJson, type EngineClient } from './client';
import { attempt } from './errors';

export interface ContainerUse {
  id: string;
  /** Name without the leading "/". */
  name: string;
  image: string;
  imageId: string;
  state: string;
  /** Names of the named volumes it mounts. */
  volumes: string[];
  /** Networks it is attached to, by name and id. */
  networks: { name: string; id: string }[];
}

interface RawContainer {
  Id: string;
  Names?: string[];
  Image?: string;
  ImageID?: string;
  State?: string;
  Mounts?: { Type?: string; Name?: string }[];
  NetworkSettings?: { Networks?: Record<string, { NetworkID?: string }> | null } | null;
}

export async function listContainerUse(client: EngineClient): Promise<ContainerUse[]> {
  const raw = await attempt('list containers', () =>
    dialJson<RawContainer[]>(client, { path: '/containers/json', query: { all: true } }),
  );
  return raw.map((c) => ({
    id: c.Id,
    name: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''),
    image: c.Image ?? '',
    imageId: c.ImageID ?? '',
    state: c.State ?? '',
    volumes: (c.Mounts ?? []).filter((m) => m.Type === 'volume' && m.Name).map((m) => m.Name!),
    networks: Object.entries(c.NetworkSettings?.Networks ?? {}).map(([name, n]) => ({ name, id: n.NetworkID ?? '' })),
  }));
}

/** Groups container names by a key each container yields (several keys per container allowed). */
export function usersBy(containers: ContainerUse[], keys: (c: ContainerUse) => string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const c of containers) {
    for (const k of keys(c)) {
      const list = out.get(k) ?? [];
      if (!list.includes(c.name)) list.push(c.name);
      out.set(k, list);
    }
  }
  return out;
}

/** "a", "a and b", "a, b and 3 more". */
export function nameList(names: string[], max = 3): string {
  const quoted = names.map((n) => `"${n}"`);
  if (quoted.length <= 1) return quoted.join('');
  if (quoted.length <= max) return `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
  return `${quoted.slice(0, max).join(', ')} and ${quoted.length - max} more`;
}
