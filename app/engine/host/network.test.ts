import { describe, expect, it } from 'vitest';
import { chooseNetwork, overlapsRoutes, widenedBridge } from './network';

describe('engine network', () => {
  it('detects overlapping prefixes, including wide routes', () => {
    expect(overlapsRoutes(['10.213.5.0/24'], '10.213.0.0/16')).toBe(true);
    expect(overlapsRoutes(['10.0.0.0/8'], '10.250.0.0/16')).toBe(true);
    expect(overlapsRoutes(['172.17.0.0/16', 'default'], '10.213.0.0/16')).toBe(false);
  });

  it('chooses a /16 bridge subnet (as Docker: no limit near 250 containers) and a pool that no route uses', () => {
    const net = chooseNetwork(['10.213.0.0/16', '10.216.3.0/24'], 'berth0');
    expect(net).toEqual({ bridge: 'berth0', bip: '10.217.0.1/16', pool: '10.218.0.0/16', poolSize: 24 });
  });

  it("widens an older Berth's /24 bridge to its /16 unless another route uses that /16", () => {
    const old = { bridge: 'berth0', bip: '10.213.0.1/24', pool: '10.214.0.0/16', poolSize: 24 };
    // its own /24 route (the bridge is up) does not count
    expect(widenedBridge(old, ['default', '10.213.0.0/24', '10.214.3.0/24'])).toEqual({ ...old, bip: '10.213.0.1/16' });
    expect(widenedBridge(old, ['10.213.7.0/24'])).toBeUndefined();
    expect(widenedBridge(old, ['10.0.0.0/8'])).toBeUndefined();
    expect(widenedBridge({ ...old, bip: '10.213.0.1/16' }, [])).toBeUndefined();
    expect(widenedBridge({ ...old, bip: '192.168.5.1/24' }, [])).toBeUndefined();
  });

  it('says what to do when every candidate is taken', () => {
    expect(() => chooseNetwork(['10.0.0.0/8'])).toThrow(/Set the engine network in Berth's settings/);
  });
});
