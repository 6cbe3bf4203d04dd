import { describe, expect, it } from 'vitest';
import type { ContainerSummary, StatsSample } from '../../../../shared/contract';
import { buildRows, portUrl, type ListOptions } from './list-model';

const c = (name: string, extra: Partial<ContainerSummary> = {}): ContainerSummary => ({
  id: `${name}000000000000`,
  name,
  image: 'busybox',
  imageId: 'sha256:1',
  command: 'sh',
  created: 1,
  state: 'running',
  status: 'Up',
  ports: [],
  labels: {},
  networks: [],
  mounts: [],
  ...extra,
});
const opts: ListOptions = { search: '', runningOnly: false, sort: 'name', descending: false, collapsed: new Set() };

describe('the containers list model', () => {
  it('groups compose projects under one collapsible row, in sort order', () => {
    const rows = buildRows(
      [
        c('web', { compose: { project: 'shop', service: 'web' } }),
        c('alpha'),
        c('db', { compose: { project: 'shop', service: 'db' }, state: 'exited' }),
      ],
      opts,
    );
    expect(
      rows.map((r) =>
        r.kind === 'group' ? `group:${r.project}:${r.running}/${r.containers.length}` : r.container.name,
      ),
    ).toEqual(['alpha', 'group:shop:1/2', 'db', 'web']);
    const collapsed = buildRows([c('web', { compose: { project: 'shop', service: 'web' } })], {
      ...opts,
      collapsed: new Set(['shop']),
    });
    expect(collapsed).toHaveLength(1);
  });

  it('filters by search over name, image and id, and by running', () => {
    const all = [c('web', { image: 'nginx' }), c('db', { state: 'exited' })];
    expect(buildRows(all, { ...opts, search: 'ngi' }).map((r) => r.kind === 'container' && r.container.name)).toEqual([
      'web',
    ]);
    expect(buildRows(all, { ...opts, runningOnly: true })).toHaveLength(1);
  });

  it('sorts by stats when asked', () => {
    const stats = new Map([
      ['a000000000000', { cpuPercent: 5 }],
      ['b000000000000', { cpuPercent: 50 }],
    ]) as unknown as ReadonlyMap<string, StatsSample>;
    const rows = buildRows([c('a'), c('b')], { ...opts, sort: 'cpu', descending: true }, stats);
    expect(rows.map((r) => r.kind === 'container' && r.container.name)).toEqual(['b', 'a']);
  });

  it('makes browser links only for published TCP ports', () => {
    expect(portUrl({ hostPort: 8080, hostIp: '0.0.0.0', protocol: 'tcp' })).toBe('http://localhost:8080');
    expect(portUrl({ hostPort: 8080, hostIp: '127.0.0.1', protocol: 'tcp' })).toBe('http://127.0.0.1:8080');
    expect(portUrl({ hostPort: 53, protocol: 'udp' })).toBeUndefined();
    expect(portUrl({ protocol: 'tcp' })).toBeUndefined();
  });
});
