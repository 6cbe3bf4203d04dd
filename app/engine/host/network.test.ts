import { describe, expect, it } from 'vitest';
import { chooseNetwork, overlapsRoutes } from './network';

describe('engine network', () => {
  it('detects overlapping prefixes, including wide routes', () => {
    expect(overlapsRoutes(['10.213.5.0/24'], '10.213.0.0/16')).toBe(true);
    expect(overlapsRoutes(['10.0.0.0/8'], '10.250.0.0/16')).toBe(true);
    expect(overlapsRoutes(['172.17.0.0/16', 'default'], '10.213.0.0/16')).toBe(false);
  });

  it('chooses a bridge subnet and pool that no route uses', () => {
    const net = chooseNetwork(['10.213.0.0/16', '10.216.3.0/24'], 'berth0');
    expect(net).toEqual({ bridge: 'berth0', bip: '10.217.0.1/24', pool: '10.218.0.0/16', poolSize: 24 });
  });

  it('says what to do when every candidate is taken', () => {
    expect(() => chooseNetwork(['10.0.0.0/8'])).toThrow(/Set the engine network in Berth's settings/);
  });
});
