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
