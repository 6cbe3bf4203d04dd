import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../docker/containers';
import { CONFIG_HASH_LABEL, parseHashes, planUp } from './up-plan';

let n = 0;
function container(
  service: string,
  hash: string,
  state: ContainerSummary['state'] = 'running',
  oneoff = false,
): ContainerSummary {
  n++;
  return {
    id: `id${n}`,
    name: `p_${service}_${n}`,
    image: 'busybox',
    imageId: 'sha256:1',
    command: 'sh',
    created: 1,
    state,
    status: '',
    ports: [],
    labels: { [CONFIG_HASH_LABEL]: hash },
    compose: { project: 'p', service, ...(oneoff ? { oneoff: true } : {}) },
    networks: [],
    mounts: [],
  };
}

const H = (c: string) => c.repeat(64);

describe('the up plan', () => {
  it('reads config --hash output, one "service hash" per line, ignoring anything else', () => {
    expect([...parseHashes([`web ${H('a')}`, 'WARNING: something', `db ${H('b')}  `, 'x y'])]).toEqual([
      ['web', H('a')],
      ['db', H('b')],
    ]);
  });

  it('creates, recreates, starts, leaves alone and removes, service by service', () => {
    const plan = planUp(
      new Map([
        ['new', H('1')],
        ['changed', H('2')],
        ['stopped', H('3')],
        ['same', H('4')],
      ]),
      [
        container('changed', H('9')),
        container('changed', H('2')),
        container('stopped', H('3'), 'exited'),
        container('same', H('4')),
        container('gone', H('5')),
        container('new', H('0'), 'exited', true), // a one-off `compose run` container does not count
      ],
    );
    expect(plan.map((c) => [c.service, c.change])).toEqual([
      ['changed', 'recreate'],
      ['gone', 'remove'],
      ['new', 'create'],
      ['same', 'unchanged'],
      ['stopped', 'start'],
    ]);
    const changed = plan[0]!;
    expect(changed.reason).toBe(
      `Its configuration changed (hash ${H('9').slice(0, 12)}, ${H('2').slice(0, 12)} → ${H('2').slice(0, 12)}): up recreates its container.`,
    );
    expect(changed).toMatchObject({ containers: 2, running: 2, hash: H('2') });
    expect(plan[1]!.reason).toBe('Not in the file any more: up (all services) removes its container.');
    expect(plan[4]!.reason).toBe('Unchanged, but 1 of 1 container is not running: up starts it.');
  });
});
