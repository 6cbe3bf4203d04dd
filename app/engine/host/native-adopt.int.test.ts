// A Berth session finding its engine left running by an earlier one (real dockerd): a healthy engine is
// adopted (same pid, containers untouched) and then supervised and stopped like its own child; an
// unhealthy or differently configured one is stopped cleanly; the earlier session's bridge is cleaned.
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestEngine } from '../../../harness/engine';
import { buildBusybox } from '../../../harness/fixtures';
import { pingUnix } from '../docker/client';
import { bridgeExists, ownedBridge } from './network';
import { isAlive } from './processes';
import { EngineSupervisor } from './supervisor';
import { nativeFixture, waitFor, type NativeUnderTest } from './test-support/native-fixture';

const fixture = nativeFixture();
const cleanups: (() => void)[] = [];
afterEach(async () => {
  cleanups.splice(0).forEach((c) => c());
  await fixture.teardown();
});

/** A second "session" on the same Berth home as `first`, as after a restart of Berth. */
function nextSession(first: NativeUnderTest, opts: Parameters<typeof fixture.create>[0] = {}): NativeUnderTest {
  return fixture.create({
    paths: first.home.paths,
    network: first.home.network,
    cgroupParent: first.home.cgroupParent,
    ...opts,
  });
}

const progress = (t: NativeUnderTest) => t.events.flatMap((e) => (e.type === 'progress' ? [e.progress] : []));
const startedAt = async (t: NativeUnderTest, name: string) =>
  (await t.docker(['inspect', '-f', '{{.State.StartedAt}}', name])).stdout.trim();

describe('adopting the engine an earlier session left running (real dockerd)', () => {
  it('keeps a healthy engine: same pid, the container untouched; then supervises it and stops it on stop', async () => {
    const first = fixture.create({}, 'adopt');
    await first.host.start();
    const pid = first.host.status().pid!;
    const image = await buildBusybox({ dir: first.home.dir, docker: first.docker } as unknown as TestEngine);
    expect(
      (await first.docker(['run', '-d', '--name', 'keeps', image, 'sh', '-c', 'trap "exit 0" TERM; sleep 600 & wait']))
        .code,
    ).toBe(0);
    const before = await startedAt(first, 'keeps');

    const second = nextSession(first);
    const supervisor = new EngineSupervisor(second.host, { backoffMs: () => 100 }).attach();
    cleanups.push(() => supervisor.detach());
    expect(await second.host.start()).toBe('running');
    expect(second.host.status().pid).toBe(pid);
    expect(second.host.status().progress).toBe(
      `Engine is running (kept from an earlier Berth session, pid ${pid}: its containers kept running)`,
    );
    expect(progress(second)).toContain(
      `Kept Berth's engine from an earlier session (pid ${pid}): its containers keep running`,
    );
    expect(await startedAt(second, 'keeps')).toBe(before);
    expect((await second.docker(['inspect', '-f', '{{.State.Running}}', 'keeps'])).stdout.trim()).toBe('true');

    // Supervised like a child: its death is noticed at once (no ping interval involved) and it comes back.
    const killedAt = Date.now();
    process.kill(pid, 'SIGKILL');
    await waitFor(() => second.events.some((e) => e.type === 'restarted'), 30000, 'the restart after the crash');
    const restarted = second.events.find((e) => e.type === 'restarted')!;
    expect(restarted).toMatchObject({ reason: 'crash', attempt: 1 });
    expect(restarted.at - killedAt).toBeLessThan(15000);
    const newPid = second.host.status().pid!;
    expect(newPid).not.toBe(pid);
    expect((await pingUnix(second.host.paths.socket)).ok).toBe(true);

    await second.host.stop();
    expect(isAlive(newPid)).toBe(false);
    expect(bridgeExists(first.home.network.bridge)).toBe(false); // Berth's bridge, created by the first session
    expect(ownedBridge(second.host.paths.dir)).toBeUndefined();
  }, 90000);

  it('stops an adopted engine on a normal stop, and removes the bridge the earlier session created', async () => {
    const first = fixture.create({}, 'adopt');
    await first.host.start();
    const pid = first.host.status().pid!;
    expect(ownedBridge(first.host.paths.dir)).toBe(first.home.network.bridge);
    const second = nextSession(first);
    await second.host.start();
    expect(second.host.status().pid).toBe(pid);
    await second.host.stop();
    expect(isAlive(pid)).toBe(false);
    expect(existsSync(second.host.paths.socket)).toBe(false);
    expect(bridgeExists(first.home.network.bridge)).toBe(false);
  }, 60000);

  it('stops an engine that does not answer (SIGTERM, then SIGKILL) and starts a fresh one', async () => {
    const first = fixture.create({}, 'adopt');
    await first.host.start();
    const pid = first.host.status().pid!;
    process.kill(pid, 'SIGSTOP');
    cleanups.push(() => isAlive(pid) && process.kill(pid, 'SIGCONT'));
    const second = nextSession(first, { stopTimeoutMs: 3000 });
    expect(await second.host.start()).toBe('running');
    const notes = progress(second);
    expect(
      notes.some((n) =>
        n.startsWith(
          `The engine left running by an earlier session (pid ${pid}) is not kept: it does not answer /_ping`,
        ),
      ),
    ).toBe(true);
    expect(notes).toContain(`Stopping the engine left running by an earlier session (pid ${pid})`);
    expect(isAlive(pid)).toBe(false);
    expect(second.host.status().pid).not.toBe(pid);
    expect((await pingUnix(second.host.paths.socket)).ok).toBe(true);
  }, 60000);

  it('does not keep an engine started with other settings: it is stopped and started with the new ones', async () => {
    const first = fixture.create({}, 'adopt');
    await first.host.start();
    const pid = first.host.status().pid!;
    const second = nextSession(first, { extraFlags: ['--debug'] });
    expect(await second.host.start()).toBe('running');
    expect(progress(second)).toContain(
      `The engine left running by an earlier session (pid ${pid}) is not kept: it was started with other settings ((nothing) where Berth now uses --debug)`,
    );
    expect(isAlive(pid)).toBe(false);
    expect((await second.docker(['info', '--format', '{{.Debug}}'])).stdout.trim()).toBe('true');
  }, 60000);
});
