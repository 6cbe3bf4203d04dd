// Which views an engine event makes stale: swarm's events (service, node, secret, config) and a swarm
// task's container refresh the swarm views, so a replacement task shows without reload.
import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../../shared/contract';
import { isSwarmTaskEvent, staleKeys } from './live-updates';

const ev = (type: string, action: string, attributes: Record<string, string> = {}): EngineEvent => ({
  type,
  action,
  id: 'x',
  attributes,
  time: 0,
});
const heads = (e: EngineEvent) => staleKeys(e).map((k) => k[0]);

describe('staleKeys', () => {
  it("a swarm task's container dying makes its tasks and its service's counts stale", () => {
    const keys = heads(ev('container', 'die', { 'com.docker.swarm.service.id': 's1' }));
    expect(keys).toEqual(expect.arrayContaining(['swarm.tasks', 'services.list', 'stacks.list', 'nodes.list']));
  });

  it('a plain container touches no swarm view, and is not read again once settled', () => {
    expect(heads(ev('container', 'die'))).not.toContain('swarm.tasks');
    expect(isSwarmTaskEvent(ev('container', 'die'))).toBe(false);
    expect(isSwarmTaskEvent(ev('container', 'start', { 'com.docker.swarm.service.id': 's1' }))).toBe(true);
  });

  it('service, node, secret and config events refresh their lists', () => {
    expect(heads(ev('service', 'update'))).toEqual(expect.arrayContaining(['services.list', 'swarm.tasks']));
    expect(heads(ev('node', 'update'))).toEqual(expect.arrayContaining(['nodes.list', 'swarm.status']));
    expect(heads(ev('secret', 'create'))).toContain('secrets.list');
    expect(heads(ev('config', 'remove'))).toContain('configs.list');
  });

  it('an overlay network changes the swarm status; a bridge does not', () => {
    expect(heads(ev('network', 'create', { type: 'overlay' }))).toContain('swarm.status');
    expect(heads(ev('network', 'create', { type: 'bridge' }))).not.toContain('swarm.status');
  });
});
