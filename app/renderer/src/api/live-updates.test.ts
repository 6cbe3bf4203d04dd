// Which cached queries an engine event makes stale: the lists it touches, and the detail (inspect)
// of the one image, volume or network it names, by id or by name, and nothing else. The cache is
// react-query's own QueryClient; the events have the shapes the engine sends (Actor.ID as `id`,
// Actor.Attributes.name as `name`). Swarm's events (service, node, secret, config) and a swarm task's
// container refresh the swarm views, so a replacement task shows without reload.
import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../../shared/contract';
import { invalidateDetails, isSwarmTaskEvent, staleKeys, touchesDetail } from './live-updates';

const IMG = 'sha256:3f57d9401f8d42f986df300f0c69192fc41da28ccc8d797829467780db3dd741';
const NET = '7b1b4c2f0b5c0a9d3c1e2f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c';

const ev = (type: string, action: string, id: string, attributes: Record<string, string> = {}): EngineEvent => ({
  type,
  action,
  id,
  ...(attributes.name ? { name: attributes.name } : {}),
  attributes,
  time: 1,
});

/** A cache holding the detail views a user may have open, each answered. */
function cache(): QueryClient {
  const q = new QueryClient();
  q.setQueryData(['images.inspect', { ref: 'busybox' }], { id: IMG, tags: ['busybox:latest'] });
  q.setQueryData(['images.inspect', { ref: '3f57d9401f8d' }], { id: IMG, tags: ['busybox:latest'] });
  q.setQueryData(['images.inspect', { ref: 'alpine:3' }], { id: 'sha256:other', tags: ['alpine:3'] });
  q.setQueryData(['volumes.inspect', { name: 'data' }], { Name: 'data' });
  q.setQueryData(['volumes.inspect', { name: 'cache' }], { Name: 'cache' });
  q.setQueryData(['networks.inspect', { name: 'front' }], { Id: NET, Name: 'front' });
  q.setQueryData(['networks.inspect', { name: 'back' }], { Id: 'other', Name: 'back' });
  q.setQueryData(['containers.inspect', { id: 'c1' }], { Id: 'c1' });
  q.setQueryData(['images.list'], []);
  return q;
}

function stale(q: QueryClient): string[] {
  return q
    .getQueryCache()
    .getAll()
    .filter((x) => x.state.isInvalidated)
    .map((x) => JSON.stringify(x.queryKey))
    .sort();
}

describe('engine events invalidate detail queries by type and id', () => {
  it('an image event makes stale the inspect of that image, asked for by name, short id or tag, and no other', () => {
    const q = cache();
    invalidateDetails(q, [ev('image', 'untag', IMG, { name: IMG })]);
    expect(stale(q)).toEqual([
      JSON.stringify(['images.inspect', { ref: '3f57d9401f8d' }]),
      JSON.stringify(['images.inspect', { ref: 'busybox' }]),
    ]);
  });

  it('a pull (id "busybox:latest") reaches an inspect asked as "busybox", also one that has no answer yet', () => {
    const q = new QueryClient();
    q.setQueryData(['images.inspect', { ref: 'alpine:3' }], { id: 'sha256:other' });
    q.getQueryCache().build(q, { queryKey: ['images.inspect', { ref: 'busybox' }] });
    invalidateDetails(q, [ev('image', 'pull', 'busybox:latest', { name: 'busybox' })]);
    expect(stale(q)).toEqual([JSON.stringify(['images.inspect', { ref: 'busybox' }])]);
  });

  it('a tag event reaches an inspect of the new tag (the name the event carries)', () => {
    expect(
      touchesDetail(ev('image', 'tag', IMG, { name: 'me/app:1' }), ['images.inspect', { ref: 'me/app:1' }], undefined),
    ).toBe(true);
    expect(
      touchesDetail(ev('image', 'tag', IMG, { name: 'me/app:1' }), ['images.inspect', { ref: 'me/app:2' }], undefined),
    ).toBe(false);
  });

  it('a volume event makes stale only that volume’s inspect', () => {
    const q = cache();
    invalidateDetails(q, [ev('volume', 'mount', 'data', { driver: 'local', container: 'c1' })]);
    expect(stale(q)).toEqual([JSON.stringify(['volumes.inspect', { name: 'data' }])]);
  });

  it('a network event makes stale the inspect of that network asked for by name (matched by its id)', () => {
    const q = cache();
    invalidateDetails(q, [ev('network', 'connect', NET, { name: 'front', type: 'bridge', container: 'c1' })]);
    expect(stale(q)).toEqual([JSON.stringify(['networks.inspect', { name: 'front' }])]);
  });

  it('container events leave every image, volume and network detail alone (their inspect is ContainerSync’s)', () => {
    const q = cache();
    invalidateDetails(q, [ev('container', 'start', 'c1', { name: 'web', image: 'busybox' })]);
    expect(stale(q)).toEqual([]);
  });

  it('lists: an image event touches the images list only', () => {
    expect(staleKeys(ev('image', 'delete', IMG))).toEqual([['images.list']]);
    expect(staleKeys(ev('container', 'exec_start: sh', 'c1'))).toEqual([]);
  });
});

const swarmEvent = (type: string, action: string, attributes: Record<string, string> = {}): EngineEvent => ({
  type,
  action,
  id: 'x',
  attributes,
  time: 0,
});
const heads = (e: EngineEvent) => staleKeys(e).map((k) => k[0]);

describe('staleKeys', () => {
  it("a swarm task's container dying makes its tasks and its service's counts stale", () => {
    const keys = heads(swarmEvent('container', 'die', { 'com.docker.swarm.service.id': 's1' }));
    expect(keys).toEqual(expect.arrayContaining(['swarm.tasks', 'services.list', 'stacks.list', 'nodes.list']));
  });

  it('a plain container touches no swarm view, and is not read again once settled', () => {
    expect(heads(swarmEvent('container', 'die'))).not.toContain('swarm.tasks');
    expect(isSwarmTaskEvent(swarmEvent('container', 'die'))).toBe(false);
    expect(isSwarmTaskEvent(swarmEvent('container', 'start', { 'com.docker.swarm.service.id': 's1' }))).toBe(true);
  });

  it('service, node, secret and config events refresh their lists', () => {
    expect(heads(swarmEvent('service', 'update'))).toEqual(expect.arrayContaining(['services.list', 'swarm.tasks']));
    expect(heads(swarmEvent('node', 'update'))).toEqual(expect.arrayContaining(['nodes.list', 'swarm.status']));
    expect(heads(swarmEvent('secret', 'create'))).toContain('secrets.list');
    expect(heads(swarmEvent('config', 'remove'))).toContain('configs.list');
  });

  it('an overlay network changes the swarm status; a bridge does not', () => {
    expect(heads(swarmEvent('network', 'create', { type: 'overlay' }))).toContain('swarm.status');
    expect(heads(swarmEvent('network', 'create', { type: 'bridge' }))).not.toContain('swarm.status');
  });
});
