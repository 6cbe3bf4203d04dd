// What `up` would change, service by service: each service's config hash from `config --hash=*`
// (for the edited text) against the com.docker.compose.config-hash label of its containers, the same
// comparison compose makes before it decides to recreate a container.
import type { ServiceChange } from '../../shared/contract/areas/compose-files';
import type { ContainerSummary } from '../docker/containers';

export const CONFIG_HASH_LABEL = 'com.docker.compose.config-hash';

export const PLAN_METHOD =
  'Each service\'s config hash from the compose CLI\'s "config --hash" on the edited text, compared with the com.docker.compose.config-hash label of its containers: a different hash means up recreates the container. With docker compose v2, a newer image under the same tag is not part of the hash.';

/** `config --hash=*` output ("web 4af9…" per line) as service → hash. */
export function parseHashes(lines: readonly string[]): Map<string, string> {
  const hashes = new Map<string, string>();
  for (const l of lines) {
    const m = /^(\S+)\s+([0-9a-f]{16,128})$/.exec(l.trim());
    if (m) hashes.set(m[1]!, m[2]!);
  }
  return hashes;
}

const short = (h: string) => h.slice(0, 12);

function changeOf(service: string, hash: string, own: readonly ContainerSummary[]): ServiceChange {
  const runningHashes = [...new Set(own.map((c) => c.labels[CONFIG_HASH_LABEL] ?? ''))].filter(Boolean);
  const running = own.filter((c) => c.state === 'running').length;
  const base = { service, hash, runningHashes, containers: own.length, running };
  if (own.length === 0) return { ...base, change: 'create', reason: 'No container yet: up creates one.' };
  const stale = own.filter((c) => c.labels[CONFIG_HASH_LABEL] !== hash);
  if (stale.length) {
    const was = runningHashes.length ? ` (hash ${runningHashes.map(short).join(', ')} → ${short(hash)})` : '';
    return {
      ...base,
      change: 'recreate',
      reason: `Its configuration changed${was}: up recreates ${stale.length === 1 ? 'its container' : `${stale.length} containers`}.`,
    };
  }
  if (running < own.length)
    return {
      ...base,
      change: 'start',
      reason: `Unchanged, but ${own.length - running} of ${own.length} container${own.length === 1 ? ' is' : 's are'} not running: up starts ${own.length - running === 1 ? 'it' : 'them'}.`,
    };
  return { ...base, change: 'unchanged', reason: 'Unchanged: up leaves it running.' };
}

/** The plan for `up` of every service, from the edited config's hashes and the project's containers. */
export function planUp(hashes: ReadonlyMap<string, string>, containers: readonly ContainerSummary[]): ServiceChange[] {
  const byService = new Map<string, ContainerSummary[]>();
  for (const c of containers) {
    if (!c.compose || c.compose.oneoff) continue;
    const list = byService.get(c.compose.service) ?? [];
    list.push(c);
    byService.set(c.compose.service, list);
  }
  const changes = [...hashes].map(([service, hash]) => changeOf(service, hash, byService.get(service) ?? []));
  for (const [service, own] of byService) {
    if (hashes.has(service)) continue;
    changes.push({
      service,
      change: 'remove',
      reason: `Not in the file any more: up (all services) removes its ${own.length === 1 ? 'container' : `${own.length} containers`}.`,
      runningHashes: [...new Set(own.map((c) => c.labels[CONFIG_HASH_LABEL] ?? ''))].filter(Boolean),
      containers: own.length,
      running: own.filter((c) => c.state === 'running').length,
    });
  }
  return changes.sort((a, b) => a.service.localeCompare(b.service));
}
