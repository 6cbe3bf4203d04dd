import { describe, expect, it } from 'vitest';
import type { ContainerSummary, StatsSample } from '../../../../shared/contract';
import { badges, buildRows, exitReason, groupTargets, imageText, type ListOptions, type Row } from './list-model';

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

  it("a group's actions act only on the shown containers, and it knows how many are hidden", () => {
    const shop = (name: string, state: ContainerSummary['state']) =>
      c(name, { state, compose: { project: 'shop', service: name } });
    const all = [shop('shop-web', 'running'), shop('shop-db', 'running'), shop('shop-old', 'exited')];
    const rows = buildRows(all, { ...opts, search: 'web' });
    const group = rows[0] as Extract<Row, { kind: 'group' }>;
    expect(group).toMatchObject({ kind: 'group', total: 3 });
    expect(group.containers.map((x) => x.name)).toEqual(['shop-web']);
    expect(groupTargets(group, 'containers.stop').map((x) => x.name)).toEqual(['shop-web']);
    expect(groupTargets(group, 'containers.start')).toEqual([]);
    const everything = buildRows(all, opts)[0] as Extract<Row, { kind: 'group' }>;
    expect(groupTargets(everything, 'containers.start').map((x) => x.name)).toEqual(['shop-old']);
  });

  it('says health, restarts, OOM kills and errors as badges', () => {
    expect(badges(c('a', { health: 'unhealthy', restartCount: 5 })).map((b) => b.text)).toEqual([
      'unhealthy',
      '5 restarts',
    ]);
    expect(badges(c('a', { state: 'exited', exitCode: 137, oomKilled: true }))).toEqual([
      expect.objectContaining({ text: 'OOM killed', tone: 'danger' }),
    ]);
    expect(badges(c('a', { health: 'starting', restartCount: 1 })).map((b) => b.text)).toEqual([
      'starting',
      '1 restart',
    ]);
    expect(badges(c('a'))).toEqual([]);
  });

  it('says why a container stopped', () => {
    expect(exitReason(c('a', { state: 'exited', exitCode: 137, oomKilled: true }))).toMatch(/memory/);
    expect(exitReason(c('a', { state: 'exited', exitCode: 137 }))).toBe('killed by SIGKILL (exit 137)');
    expect(exitReason(c('a', { state: 'exited', exitCode: 3 }))).toBe('exit code 3');
    expect(exitReason(c('a', { state: 'exited', exitCode: 0 }))).toBeUndefined();
    expect(exitReason(c('a', { state: 'running', exitCode: 1 }))).toBeUndefined();
    expect(exitReason(c('a', { state: 'exited', exitCode: 127, error: 'exec: "nope": not found' }))).toBe(
      'exec: "nope": not found',
    );
  });

  it('shortens a bare image id, so it cannot widen the Image column', () => {
    const id = 'sha256:' + 'ab'.repeat(32);
    expect(imageText(id)).toBe('sha256:abababababab');
    expect(imageText('ab'.repeat(32))).toBe('sha256:abababababab');
    expect(imageText('registry.local:5000/team/app:1.2')).toBe('registry.local:5000/team/app:1.2');
  });
});
