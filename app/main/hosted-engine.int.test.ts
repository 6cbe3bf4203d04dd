// HostedEngine over a real external engine: status, client, events, and no liveness polling while events flow.
import { describe, expect, it } from 'vitest';
import { testEngine } from '../../harness/context';
import { parseEngineAddress } from '../engine/docker/client';
import { ExternalHost } from '../engine/host/external-host';
import { fixedHost, HostedEngine } from './hosted-engine';

const until = async (fn: () => boolean, ms = 10000) => {
  const end = Date.now() + ms;
  while (!fn()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('HostedEngine', () => {
  it('connects, reports status in the contract words, and stops polling liveness while events flow', async () => {
    const url = testEngine().host;
    const host = new ExternalHost(url, parseEngineAddress(url), 'test engine', 1000, 200);
    const probes: boolean[] = [];
    const original = host.setLivenessProbe.bind(host);
    host.setLivenessProbe = (on: boolean) => {
      probes.push(on);
      original(on);
    };
    const engine = new HostedEngine(fixedHost(host));
    try {
      await host.start();
      expect(engine.status()).toMatchObject({ state: 'running', kind: 'external', managed: false, address: url });
      const client = await engine.client();
      expect(client.apiVersion).toMatch(/^1\.\d+$/);
      const events: string[] = [];
      const off = engine.onEvent((e) => events.push(`${e.type}:${e.action}`));
      await until(() => probes.includes(false));
      await testEngine().docker(['volume', 'create', 'hosted-engine-probe']);
      await until(() => events.includes('volume:create'));
      off();
      await until(() => probes.at(-1) === true);
      await testEngine().docker(['volume', 'rm', 'hosted-engine-probe']);
    } finally {
      await engine.close();
      await host.stop();
    }
  });

  it('follows the engine through a stop and a start: events flow again with the listeners it had', async () => {
    const url = testEngine().host;
    const host = new ExternalHost(url, parseEngineAddress(url), 'test engine', 1000, 200);
    const engine = new HostedEngine(fixedHost(host));
    const states: string[] = [];
    const statusSub = engine.onStatus((s) => states.push(s.state));
    try {
      await host.start();
      const events: string[] = [];
      const off = engine.onEvent((e) => events.push(`${e.type}:${e.action}:${e.id}`));
      await host.stop();
      await expect(engine.client()).rejects.toMatchObject({ kind: 'unavailable' });
      await host.start();
      await until(() => states.at(-1) === 'running');
      // The stream opens again by itself: a volume made now is heard, without subscribing again.
      const deadline = Date.now() + 10000;
      let n = 0;
      while (!events.some((e) => e.startsWith('volume:create:hosted-engine-again')) && Date.now() < deadline) {
        await testEngine().docker(['volume', 'create', `hosted-engine-again-${n}`]);
        await testEngine().docker(['volume', 'rm', `hosted-engine-again-${n++}`]);
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(events.some((e) => e.startsWith('volume:create:hosted-engine-again'))).toBe(true);
      expect(states).toEqual(expect.arrayContaining(['stopped', 'running']));
      off.dispose();
    } finally {
      statusSub.dispose();
      await engine.close();
      await host.stop();
    }
  });

  it('says why there is no client when the engine is not running', async () => {
    const host = new ExternalHost(
      'unix:///nonexistent/docker.sock',
      parseEngineAddress('unix:///nonexistent/docker.sock'),
    );
    const engine = new HostedEngine(fixedHost(host));
    expect(await host.start()).toBe('starting');
    expect(engine.status()).toMatchObject({
      state: 'starting',
      progress:
        'Waiting for the engine at unix:///nonexistent/docker.sock (no socket at /nonexistent/docker.sock); Berth connects as soon as it answers.',
    });
    await expect(engine.client()).rejects.toMatchObject({
      kind: 'unavailable',
      message:
        'The engine is not there yet. Waiting for the engine at unix:///nonexistent/docker.sock (no socket at /nonexistent/docker.sock); Berth connects as soon as it answers.',
    });
    await engine.close();
    await host.stop();
  });
});
