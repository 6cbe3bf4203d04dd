// The bridge of an older Berth (a /24) is widened in place to the /16 its engine now gets.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureBridge, overlapsRoutes, removeBridge, routedPrefixes } from './network';

const bridge = `bw${randomBytes(3).toString('hex')}`;
afterAll(() => removeBridge(bridge));

function freeSixteen(): number {
  const routes = routedPrefixes();
  for (let i = 0; i < 200; i++) {
    const a = 100 + Math.floor(Math.random() * 150);
    if (!overlapsRoutes(routes, `10.${a}.0.0/16`)) return a;
  }
  throw new Error('No free /16 here.');
}

describe('ensureBridge', () => {
  it('replaces the /24 an older Berth gave its bridge with the /16, keeping the address', () => {
    const a = freeSixteen();
    const net = { bridge, bip: `10.${a}.0.1/24`, pool: `10.${a + 1}.0.0/16`, poolSize: 24 };
    expect(ensureBridge(net)).toBe(true);
    expect(ensureBridge({ ...net, bip: `10.${a}.0.1/16` })).toBe(false);
    const addrs = execFileSync('ip', ['-4', '-o', 'addr', 'show', 'dev', bridge], { encoding: 'utf8' });
    expect([...addrs.matchAll(/ inet (\S+) /g)].map((m) => m[1])).toEqual([`10.${a}.0.1/16`]);
  });
});
