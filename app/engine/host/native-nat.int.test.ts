// Outbound networking of Berth's own engine, for real: an "outside" network namespace with an HTTP
// server on an address that is not on Berth's bridge and has no route back to the containers, so a
// container reaches it only through Berth's MASQUERADE; a FORWARD DROP scoped to this test's
// interfaces stands in for the DROP policy a system docker sets. Stopping the engine removes Berth's
// rules and leaves every other rule as it was.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtures, testEngine } from '../../../harness/context';
import { buildBusybox } from '../../../harness/fixtures';
import type { TestEngine } from '../../../harness/engine';
import { pingUnix } from '../docker/client';
import { natChainNames } from './nat';
import { overlapsRoutes, routedPrefixes } from './network';
import { nativeFixture, waitFor, type NativeUnderTest } from './test-support/native-fixture';
import { netnsFixture, sh } from './test-support/netns';

const fixture = nativeFixture();
const net = netnsFixture();
const dirs: string[] = [];
afterEach(async () => {
  await fixture.teardown();
  net.cleanup();
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

const save = () => sh('iptables-save', []);
/** Every rule and chain line except Berth's (and the counters), for "untouched" comparisons. */
const notBerth = (text: string) =>
  text
    .split('\n')
    .filter((l) => (l.startsWith('-A') || l.startsWith(':')) && !/BERTH-/.test(l))
    .map((l) => l.replace(/\[\d+:\d+\]/, ''))
    .sort();

/** The outside world: a namespace with an HTTP server on 10.x.y.1, reached through a /30 veth. */
function outside(): { url: string; token: string; hostIf: string } {
  const id = net.id();
  const routes = routedPrefixes();
  let x = 0;
  let y = 0;
  do {
    x = 100 + Math.floor(Math.random() * 150);
    y = Math.floor(Math.random() * 250);
  } while (overlapsRoutes(routes, `10.${x}.${y}.0/30`));
  const ns = net.netns(`berth-out-${id}`);
  const hostIf = `bo${id}h`;
  net.veth(hostIf, `bo${id}p`, ns, `10.${x}.${y}.2/30`, `10.${x}.${y}.1/30`);
  const www = mkdtempSync(join(tmpdir(), 'berth-www-'));
  dirs.push(www);
  const token = `hello-from-outside-${id}`;
  writeFileSync(join(www, 'index.html'), `${token}\n`);
  const server = spawn('ip', ['netns', 'exec', ns, 'busybox', 'httpd', '-f', '-p', `10.${x}.${y}.1:8080`, '-h', www], {
    stdio: 'ignore',
  });
  net.defer(() => server.kill('SIGKILL'));
  return { url: `http://10.${x}.${y}.1:8080/`, token, hostIf };
}

/** Drops forwarding between `bridgeOrNet` and the outside veth, as a system docker's FORWARD DROP policy would. */
function scopedForwardDrop(hostIf: string, match: string[], tag: string): void {
  const rules = [
    ['-o', hostIf, ...match],
    ['-i', hostIf],
  ].map((m) => [...m, '-m', 'comment', '--comment', tag, '-j', 'DROP']);
  for (const r of rules) sh('iptables', ['-w', '-A', 'FORWARD', ...r]);
  net.defer(() => rules.forEach((r) => sh('iptables', ['-w', '-D', 'FORWARD', ...r])));
}

const wget = (t: Pick<NativeUnderTest, 'docker'>, image: string, url: string, extra: string[] = []) =>
  // busybox 1.35's `wget -T` segfaults, so the limit comes from `timeout`, under a shell that stays
  // PID 1 (a PID 1 wget would ignore timeout's SIGTERM).
  t.docker(['run', '--rm', ...extra, image, 'sh', '-c', 'timeout 5 wget -q -O- "$0"; exit $?', url]);

describe("Berth's engine reaches the outside world through its own NAT rules (real dockerd, real iptables)", () => {
  it('lets a container on the default bridge and on a user network fetch from outside, then removes its rules', async () => {
    const out = outside();
    const t = fixture.create({}, 'nat');
    const { nat, filter } = natChainNames(t.home.network.bridge);
    scopedForwardDrop(out.hostIf, [], `natdrop-${net.id()}`);
    const untouched = notBerth(save());

    await t.host.start();
    const image = await buildBusybox({ dir: t.home.dir, docker: t.docker } as unknown as TestEngine);
    let rules = save();
    expect(rules).toContain(`-A POSTROUTING -j ${nat}`);
    expect(rules).toContain(`-A FORWARD -j ${filter}`);

    const fetched = await wget(t, image, out.url);
    expect(fetched.stderr).toBe('');
    expect(fetched.stdout.trim()).toBe(out.token);

    expect((await t.docker(['network', 'create', 'app'])).code).toBe(0);
    const onUserNet = await wget(t, image, out.url, ['--network', 'app']);
    expect(onUserNet.stdout.trim()).toBe(out.token);

    // Control: without Berth's MASQUERADE the outside has no route back, so the same fetch fails.
    sh('iptables', ['-w', '-t', 'nat', '-D', 'POSTROUTING', '-j', nat]);
    const unNated = await wget(t, image, out.url);
    expect(unNated.code).not.toBe(0);
    sh('iptables', ['-w', '-t', 'nat', '-I', 'POSTROUTING', '1', '-j', nat]);

    await t.host.stop();
    rules = save();
    expect(rules).not.toContain(t.home.network.bridge);
    expect(notBerth(rules)).toEqual(untouched);
  });

  it('cleans up rules left by a crashed run on the next start, and keeps iptables:true as "dockerd manages it"', async () => {
    const t = fixture.create({}, 'natc');
    const { nat } = natChainNames(t.home.network.bridge);
    await t.host.start();
    // Simulate a crash: kill dockerd and forget the host without stopping it; Berth's rules stay behind.
    const pid = t.host.pid!;
    const again = fixture.create(
      { paths: t.home.paths, network: t.home.network, cgroupParent: t.home.cgroupParent },
      'natc2',
    );
    process.kill(pid, 'SIGKILL');
    await waitFor(() => t.host.status().state !== 'running', 10000, 'the first host to notice the crash');
    expect(save()).toContain(`-A POSTROUTING -j ${nat}`);
    // A second POSTROUTING hook, as a half-finished earlier run could leave.
    sh('iptables', ['-w', '-t', 'nat', '-A', 'POSTROUTING', '-j', nat]);
    await again.host.start();
    expect(save().match(new RegExp(`-A POSTROUTING -j ${nat}\\b`, 'g'))).toHaveLength(1);
    await again.host.stop();
    expect(save()).not.toContain(nat);

    const managed = fixture.create({ iptables: true }, 'nati');
    await managed.host.start();
    expect(save()).not.toContain(natChainNames(managed.home.network.bridge).nat);
    expect(managed.host.logTail(200).join('\n')).toContain('dockerd manages iptables itself');
  });

  it('does not touch a second dockerd next to it: its containers get no NAT from Berth, and it survives Berth stopping', async () => {
    const out = outside();
    const system = testEngine();
    const t = fixture.create({}, 'nats');
    await t.host.start();
    const image = await buildBusybox({ dir: t.home.dir, docker: t.docker } as unknown as TestEngine);
    const sysRulesBefore = notBerth(save());

    expect((await wget(t, image, out.url)).stdout.trim()).toBe(out.token);
    // The harness engine's subnet is not Berth's: Berth's rules do not masquerade it, so it stays unreachable.
    const fromSystem = await wget(system, fixtures().busybox, out.url);
    expect(fromSystem.code).not.toBe(0);

    await t.host.stop();
    expect((await pingUnix(system.socket)).ok).toBe(true);
    expect(notBerth(save())).toEqual(sysRulesBefore);
    const ok = await system.docker(['run', '--rm', fixtures().busybox, 'true']);
    expect(ok.code).toBe(0);
  });
});
