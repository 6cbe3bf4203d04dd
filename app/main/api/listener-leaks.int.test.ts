// No listener outlives its view: every stream that hangs on an emitter (engine status, engine events,
// tasks, the engine log's selection, a project's log that waits for starts) is opened and closed 100
// times through the real session on the real engine, and the process's live listeners come back to
// where they were; the shared event stream closes once nobody listens.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testEngine } from '../../../harness/context';
import { parseEngineAddress } from '../../engine/docker/client';
import { ExternalHost } from '../../engine/host/external-host';
import { EngineSelection } from '../../engine/host/selection';
import type { ServerFrame } from '../../shared/contract';
import { liveListenerCount } from '../../shared/emitter';
import { fixedHost, HostedEngine } from '../hosted-engine';
import { SettingsStore } from '../settings/store';
import { handlers } from './handlers';
import { Session } from './session';
import { streams } from './streams';
import { TaskManager } from './tasks';

const home = mkdtempSync(join(tmpdir(), 'berth-leaks-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

const until = async (what: string, fn: () => boolean, ms = 10000) => {
  const end = Date.now() + ms;
  while (!fn()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};

const views = [
  { topic: 'engine.status', args: {} },
  { topic: 'engine.events', args: {} },
  { topic: 'tasks', args: {} },
  { topic: 'engine.log', args: { lines: 10 } },
  { topic: 'compose.logs', args: { project: 'no-such-project', follow: true, tail: 10 } },
] as const;

describe('listeners after views close (real session, real engine)', () => {
  it('opening and closing every listening stream 100 times leaves no listener behind', async () => {
    const url = testEngine().host;
    const host = new ExternalHost(url, parseEngineAddress(url), 'test engine');
    const probes: boolean[] = [];
    const probe = host.setLivenessProbe.bind(host);
    host.setLivenessProbe = (on: boolean) => {
      probes.push(on);
      probe(on);
    };
    await host.start();
    const engine = new HostedEngine(fixedHost(host));
    const tasks = new TaskManager();
    const selection = new EngineSelection({ paths: { data: join(home, 'data'), config: join(home, 'config') } });
    const frames: ServerFrame[] = [];
    const settings = new SettingsStore(join(home, 'config'));
    const session = new Session({ engine, tasks, selection, settings }, handlers, streams, (f) => frames.push(f));
    const before = liveListenerCount();
    let id = 0;
    let most = before;
    try {
      for (let round = 0; round < 100; round++) {
        const ids = views.map((v) => {
          session.receive({ t: 'sub', id: ++id, topic: v.topic, args: v.args });
          return id;
        });
        // Every view listens before it closes (the project's log subscribes once it found no containers).
        await until('the views to listen', () => liveListenerCount() >= before + views.length);
        most = Math.max(most, liveListenerCount());
        for (const sid of ids) session.receive({ t: 'unsub', id: sid });
      }
      await until('every listener to leave', () => liveListenerCount() === before);
      expect(session.openStreams).toBe(0);
      // While the views were open the shared stream flowed (the probe rested); with nobody left it closed.
      await until('the probe to run again', () => probes.at(-1) === true);
      expect(probes).toContain(false);
      expect(most).toBeGreaterThanOrEqual(before + views.length);
      expect(frames.some((f) => f.t === 'end' && f.error)).toBe(false);
    } finally {
      session.close();
      await engine.close();
      await host.stop();
    }
  }, 120000);
});
