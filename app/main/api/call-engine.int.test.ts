// A request's engine (session.ts hands every handler engineForCall(engine, its signal)): the engine
// calls a handler makes through it are aborted when the request is cancelled, on the real engine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures, testEngine, uniqueName } from '../../../harness/context';
import { connectEngine, dialJson, type EngineClient } from '../../engine/docker/client';
import { engineForCall } from './call-engine';
import type { EngineAccess } from './context';

let client: EngineClient;
const made: string[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  client = await connectEngine({ kind: 'unix', socketPath: testEngine().socket });
});

afterAll(async () => {
  if (made.length) await testEngine().docker(['rm', '-f', ...made]);
});

describe('engineForCall', () => {
  it("aborts the handler's engine request when the request's signal fires; other calls are untouched", async () => {
    const name = uniqueName('bce-wait');
    made.push(name);
    await testEngine().docker(['run', '-d', '--name', name, fixtures().busybox, 'sleep', '600']);
    // Only client() and status() are used here; the rest of EngineAccess is the real engine's in a session.
    const status = () => ({ state: 'running' as const, progress: '' });
    const engine = { client: async () => client, status } as unknown as EngineAccess;
    const ctl = new AbortController();
    const bound = engineForCall(engine, ctl.signal);
    // POST /containers/{id}/wait answers only when the container exits (in ten minutes).
    const waiting = dialJson(await bound.client(), { method: 'POST', path: `/containers/${name}/wait` }).then(
      () => 'answered',
      () => 'aborted',
    );
    await sleep(300);
    ctl.abort();
    expect(await waiting).toBe('aborted');
    // The same engine, unbound, still answers; the bound one's other members are the engine's own.
    await expect(dialJson(await engine.client(), { path: '/containers/json' })).resolves.toBeInstanceOf(Array);
    expect(bound.status()).toEqual(status());
  });
});
