// Berth's NAT rules against the real iptables, inside a throw-away network namespace (its own
// tables), so the scripts are proven valid without touching the host's firewall.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EngineNat, type Runner } from './nat';
import type { EngineNetwork } from './network';
import { netnsFixture, sh } from './test-support/netns';

const fx = netnsFixture();
const dirs: string[] = [];
afterEach(() => {
  fx.cleanup();
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

function inNamespace(ns: string): Runner {
  return (file, args, input) => sh('ip', ['netns', 'exec', ns, file, ...args], input);
}

describe('EngineNat (real iptables in a network namespace)', () => {
  it('installs, re-installs idempotently, sweeps orphans, removes, and leaves other rules alone', () => {
    const ns = fx.netns(`berth-natt-${fx.id()}`);
    const run = inNamespace(ns);
    const save = () => run('iptables-save', []);
    // Someone else's rules, e.g. a system docker's.
    run(
      'iptables-restore',
      ['-w', '--noflush'],
      [
        '*filter',
        ':DOCKER-USER - [0:0]',
        '-A FORWARD -j DOCKER-USER',
        '-A DOCKER-USER -j RETURN',
        'COMMIT',
        '*nat',
        '-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE',
        'COMMIT',
        '',
      ].join('\n'),
    );
    const others = (text: string) =>
      text
        .split('\n')
        .filter((l) => l.startsWith('-A') && !l.includes('BERTH'))
        .sort();
    const before = others(save());

    const dir = mkdtempSync(join(tmpdir(), 'berth-natt-'));
    dirs.push(dir);
    const links = new Set(['bnat0', 'bnat1']);
    const make = (net: EngineNetwork) =>
      new EngineNat({
        net,
        stateFile: join(dir, `${net.bridge}.json`),
        run,
        ipForwardFile: join(dir, 'fwd'),
        linkExists: (n) => links.has(n),
      });
    writeFileSync(join(dir, 'fwd'), '1\n');
    const a = make({ bridge: 'bnat0', bip: '10.91.0.1/24', pool: '10.92.0.0/16', poolSize: 24 });
    const b = make({ bridge: 'bnat1', bip: '10.93.0.1/24', pool: '10.94.0.0/16', poolSize: 24 });

    expect(a.install()).toEqual({ installed: true, notices: [] });
    expect(a.install().installed).toBe(true); // again: no duplicate hooks
    expect(b.install().installed).toBe(true);
    let text = save();
    expect(text.match(/-A POSTROUTING -j BERTH-POST-bnat0/g)).toHaveLength(1);
    expect(text.match(/-A FORWARD -j BERTH-FWD-bnat0/g)).toHaveLength(1);
    expect(text).toContain('-A BERTH-POST-bnat0 -s 10.92.0.0/16 -j MASQUERADE');
    expect(text.split('\n').filter((l) => l.startsWith('-A FORWARD'))[0]).toMatch(/BERTH-FWD-bnat1/); // hooked first

    // bnat0's engine "dies" and its bridge goes: the next Berth start sweeps its chains, not bnat1's.
    links.delete('bnat0');
    const out = b.install();
    expect(out.notices.join(' ')).toMatch(/stale Berth firewall chain.*BERTH-POST-bnat0/);
    text = save();
    expect(text).not.toContain('bnat0');
    expect(text).toContain('BERTH-FWD-bnat1');

    expect(b.remove().installed).toBe(false);
    expect(b.remove().installed).toBe(false); // idempotent
    text = save();
    expect(text).not.toContain('BERTH');
    expect(others(text)).toEqual(before);
  });
});
