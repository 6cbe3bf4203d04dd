import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures, testEngine, uniqueName } from '../../../harness/context';
import { connectEngine, type EngineClient } from './client';
import { runContainer } from './container-run';
import { stopContainer } from './containers-lifecycle';
import { streamEvents, type StreamedEvent } from './events';
import { EventHub } from './events-hub';

let client: EngineClient;
const made: string[] = [];

beforeAll(async () => {
  client = await connectEngine({ kind: 'unix', socketPath: testEngine().socket });
});

afterAll(async () => {
  if (made.length) await testEngine().docker(['rm', '-f', ...made]);
});

async function until(cond: () => boolean, timeoutMs = 10000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const actionsFor = (events: StreamedEvent[], name: string) =>
  events.filter((e) => e.type === 'container' && e.name === name).map((e) => e.action);

describe('events', () => {
  it('streams typed events for a container start and stop', async () => {
    const ac = new AbortController();
    const seen: StreamedEvent[] = [];
    const name = uniqueName('bv-one');
    made.push(name);
    const reading = (async () => {
      for await (const batch of streamEvents(client, { signal: ac.signal, filters: { type: ['container'] } }))
        seen.push(...batch);
    })();
    await new Promise((r) => setTimeout(r, 200));
    const { id } = await runContainer(client, { image: fixtures().busybox, name, command: ['sleep', '300'] });
    await stopContainer(client, name, { timeout: 0 });
    await until(() => actionsFor(seen, name).includes('stop'));
    ac.abort();
    await reading;
    expect(actionsFor(seen, name)).toEqual(expect.arrayContaining(['create', 'start', 'kill', 'die', 'stop']));
    const start = seen.find((e) => e.action === 'start' && e.name === name)!;
    expect(start).toMatchObject({
      type: 'container',
      id,
      attributes: expect.objectContaining({ image: fixtures().busybox, name }),
    });
    expect(Math.abs(start.time - Date.now())).toBeLessThan(60000);
    expect(start.timeNano).toMatch(/^\d{19}$/);
  });

  it('fans out to many subscribers over one stream, reconnects with since after a drop, and stops with the last subscriber', async () => {
    const hub = new EventHub(client, { reconnectDelayMs: 1000 });
    const states: string[] = [];
    hub.onState((st) => states.push(st));
    const got: StreamedEvent[][] = [[], [], []];
    const unsubs = got.map((list) => hub.subscribe((e) => list.push(e)));
    await until(() => hub.state === 'connected');
    expect(hub.connections).toBe(1);

    const a = uniqueName('bv-a');
    made.push(a);
    await runContainer(client, { image: fixtures().busybox, name: a, command: ['sleep', '300'] });
    await until(() => got.every((l) => actionsFor(l, a).includes('start')));

    // Drop the connection, then make events while disconnected: they are delivered after the reconnect, once.
    hub.dropConnection();
    await until(() => hub.state === 'reconnecting');
    const b = uniqueName('bv-b');
    made.push(b);
    await runContainer(client, { image: fixtures().busybox, name: b, command: ['sleep', '300'] });
    await until(() => got.every((l) => actionsFor(l, b).includes('start')));
    expect(hub.connections).toBe(2);
    expect(states).toEqual(['connecting', 'connected', 'reconnecting', 'connected']);
    for (const l of got) {
      expect(actionsFor(l, a).filter((x) => x === 'start')).toHaveLength(1);
      expect(actionsFor(l, b).filter((x) => x === 'create')).toHaveLength(1);
    }

    unsubs[0]!();
    unsubs[1]!();
    expect(hub.state).toBe('connected');
    unsubs[2]!();
    expect(hub.state).toBe('idle');
    // A subscriber after that starts it again, lazily.
    const late: StreamedEvent[] = [];
    const off = hub.subscribe((e) => late.push(e));
    await until(() => hub.state === 'connected');
    await stopContainer(client, a, { timeout: 0 });
    await until(() => actionsFor(late, a).includes('die'));
    off();
    hub.close();
    expect(hub.state).toBe('closed');
    expect(() => hub.subscribe(() => undefined)).toThrow();
  });
});
