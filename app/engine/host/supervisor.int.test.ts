// The supervisor against a real dockerd: SIGKILL and SIGSTOP bring the engine back; data survives; a limit ends in error.
import { afterEach, describe, expect, it } from 'vitest';
import { buildBusybox } from '../../../harness/fixtures';
import type { TestEngine } from '../../../harness/engine';
import { EngineSupervisor } from './supervisor';
import { nativeFixture, waitFor, type NativeUnderTest } from './test-support/native-fixture';
import type { EngineHostEvent } from './types';

const fixture = nativeFixture();
const supervisors: EngineSupervisor[] = [];
afterEach(async () => {
  supervisors.splice(0).forEach((s) => s.detach());
  await fixture.teardown();
});

function supervised(opts: ConstructorParameters<typeof EngineSupervisor>[1] = {}): NativeUnderTest {
  const t = fixture.create({}, 'sup');
  supervisors.push(
    new EngineSupervisor(t.host, {
      backoffMs: () => 200,
      pingIntervalMs: 300,
      pingTimeoutMs: 300,
      hungAfterMs: 1500,
      ...opts,
    }).attach(),
  );
  return t;
}

const restarts = (events: EngineHostEvent[]) =>
  events.filter((e): e is Extract<EngineHostEvent, { type: 'restarted' }> => e.type === 'restarted');

describe('EngineSupervisor (real dockerd)', () => {
  it('restarts a SIGKILLed engine; the named volume’s data, the image and restart-policy containers survive', async () => {
    const t = supervised();
    await t.host.start();
    const image = await buildBusybox({ dir: t.home.dir, docker: t.docker } as unknown as TestEngine);
    expect((await t.docker(['volume', 'create', 'keep'])).code).toBe(0);
    expect(
      (await t.docker(['run', '--rm', '-v', 'keep:/data', image, 'sh', '-c', 'echo precious > /data/f'])).code,
    ).toBe(0);
    expect((await t.docker(['run', '-d', '--restart=always', '--name', 'svc', image, 'sleep', '600'])).code).toBe(0);
    const oldPid = t.host.status().pid!;

    process.kill(oldPid, 'SIGKILL');
    await waitFor(() => restarts(t.events).length === 1, 30000, 'the supervisor to restart the engine');
    expect(restarts(t.events)[0]).toMatchObject({
      reason: 'crash',
      attempt: 1,
      message: 'Engine restarted after a crash',
    });
    expect(t.host.status()).toMatchObject({ state: 'running', restarts: 1 });
    expect(t.host.status().pid).not.toBe(oldPid);
    const line = t.events.find((e) => e.type === 'state' && e.from === 'running' && e.to === 'starting');
    expect(line && 'progress' in line ? line.progress : '').toMatch(
      /^Dockerd stopped unexpectedly \(signal SIGKILL\); restarting in 0\.2 s \(attempt 1 of 5\)$/,
    );

    expect((await t.docker(['run', '--rm', '-v', 'keep:/data', image, 'cat', '/data/f'])).stdout.trim()).toBe(
      'precious',
    );
    expect((await t.docker(['image', 'inspect', image, '--format', '{{.Id}}'])).code).toBe(0);
    await waitFor(
      async () => (await t.docker(['inspect', '-f', '{{.State.Running}}', 'svc'])).stdout.trim() === 'true',
      20000,
      'the restart-policy container to come back',
    );
    await t.docker(['rm', '-f', 'svc']);
  });

  it('restarts an engine that stops answering /_ping (SIGSTOP)', async () => {
    const t = supervised();
    await t.host.start();
    const oldPid = t.host.status().pid!;
    process.kill(oldPid, 'SIGSTOP');
    await waitFor(() => restarts(t.events).length === 1, 30000, 'the supervisor to replace the hung engine');
    expect(restarts(t.events)[0]).toMatchObject({
      reason: 'hang',
      message: 'Engine restarted after it stopped responding',
    });
    expect(t.host.status().state).toBe('running');
    expect(t.host.status().pid).not.toBe(oldPid);
  });

  it('stops trying after the limit and ends in error with details', async () => {
    const t = supervised({ maxRestarts: 1 });
    await t.host.start();
    process.kill(t.host.status().pid!, 'SIGKILL');
    await waitFor(() => restarts(t.events).length === 1, 30000, 'the first restart');
    process.kill(t.host.status().pid!, 'SIGKILL');
    await waitFor(() => t.host.status().state === 'error', 10000, 'the supervisor to give up');
    const failure = t.host.status().failure!;
    expect(failure.step).toBe('Supervising the engine');
    expect(failure.message).toMatch(/restarted 1 times in 10 min, so Berth stopped restarting it/);
    expect(failure.logTail.length).toBeGreaterThan(0);
    expect(failure.fix).toContain(t.host.paths.logFile);
  });
});
