// Logs over time, through the contract over WebSocket against the real private engine and the real
// compose CLI: a container (and a two-service project) prints lines over a few seconds and keeps
// running; windows cut from the engine's own timestamps select exactly the lines inside them, a
// window with an end is read to its end without following, and bad windows are refused.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures, testEngine, uniqueName } from '../../../harness/context';
import { connectEngine, type EngineClient } from '../../engine/docker/client';
import { checkComposeConfig, composeUp, targetForFiles } from '../../engine/compose/commands';
import { downByLabel } from '../../engine/compose/label-control';
import type { BytesItem, LogLine } from '../../shared/contract';
import type { ComposeLogLine } from '../../shared/contract/areas/compose';
import { LogLineSplitter } from '../../shared/log-lines';
import { servedClient } from '../api/test-support/served-client';

const c = servedClient();
let client: EngineClient;
const containers: string[] = [];
const projects: string[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  client = await connectEngine({ kind: 'unix', socketPath: testEngine().socket });
});
afterAll(async () => {
  if (containers.length) await testEngine().docker(['rm', '-f', ...containers]);
  for (const p of projects) await downByLabel(client, p, true).catch(() => {});
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Waits for a condition the engine reaches on its own (lines printed); never a timed assertion. */
async function until<T>(fn: () => Promise<T | undefined | false>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting for the container to print its lines');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Subscribes and reads to the stream's end (the window has an end, or follow is off). */
async function readToEnd<T>(topic: string, args: object): Promise<T[]> {
  const s = c.subscribe(topic, args);
  const end = await s.ended;
  if (end.error) throw Object.assign(new Error(end.error.message), end.error);
  return s.items as T[];
}

async function containerLines(args: object): Promise<LogLine[]> {
  const items = await readToEnd<BytesItem>('containers.logs', { timestamps: true, tail: 'all', ...args });
  const out: LogLine[] = [];
  const split = new LogLineSplitter(true);
  for (const i of items)
    split.push(i.data, !!i.stderr, (text, stderr, ts) => out.push({ stream: stderr ? 'stderr' : 'stdout', text, ts }));
  split.end((text, stderr, ts) => out.push({ stream: stderr ? 'stderr' : 'stdout', text, ts }));
  return out;
}

const ms = (ts: string | undefined) => Date.parse(ts!);

/**
 * A window cut in the middle of gaps between lines (at least 200 ms wide, so no line lies near an
 * edge): from the gap after line `afterLine`, to the first such gap at least `span` lines later.
 */
function windowOf(
  lines: readonly { ts?: string }[],
  afterLine: number,
  span: number,
): { since: number; until: number } {
  const gapAfter = (from: number) => {
    for (let i = from; i + 1 < lines.length; i++) if (ms(lines[i + 1]!.ts) - ms(lines[i]!.ts) >= 200) return i;
    throw new Error('no gap between the lines');
  };
  const a = gapAfter(afterLine);
  const b = gapAfter(a + span);
  const mid = (i: number) => (ms(lines[i]!.ts) + ms(lines[i + 1]!.ts)) / 2 / 1000;
  return { since: mid(a), until: mid(b) };
}

function inside<L extends { ts?: string }>(lines: readonly L[], w: { since?: number; until?: number }): L[] {
  return lines.filter(
    (l) => (w.since === undefined || ms(l.ts) > w.since * 1000) && (w.until === undefined || ms(l.ts) < w.until * 1000),
  );
}

describe('logs over time through the contract', () => {
  it("selects exactly a container's lines between since and until, and does not follow a window that ends", async () => {
    const name = uniqueName('logwin');
    containers.push(name);
    const script = 'for i in 1 2 3 4 5 6 7; do echo "{\\"n\\":$i,\\"level\\":\\"info\\"}"; sleep 0.6; done; sleep 300';
    const r = await testEngine().docker(['run', '-d', '--name', name, fixtures().busybox, 'sh', '-c', script]);
    expect(r.code, r.stderr).toBe(0);
    // All seven lines printed (the container keeps running).
    const all = await until(async () => {
      const lines = await containerLines({ id: name, follow: false });
      return lines.length === 7 && lines;
    });
    expect(all.map((l) => JSON.parse(l.text).n)).toEqual([1, 2, 3, 4, 5, 6, 7]);

    const w = windowOf(all, 0, 2);
    const expected = inside(all, w);
    expect(expected.length).toBeGreaterThanOrEqual(2);
    expect(expected.length).toBeLessThan(7);
    // follow: true with until: the stream still ends at the window's end (the container runs on).
    const picked = await containerLines({ id: name, follow: true, ...w });
    expect(picked.map((l) => l.text)).toEqual(expected.map((l) => l.text));
    expect(picked.map((l) => l.ts)).toEqual(expected.map((l) => l.ts));

    // An open end (since alone): from there on, following.
    const s = c.subscribe('containers.logs', { id: name, follow: true, tail: 'all', timestamps: true, since: w.until });
    const text = () => new TextDecoder().decode(Buffer.concat((s.items as BytesItem[]).map((i) => i.data)));
    const later = inside(all, { since: w.until });
    await until(async () => later.every((l) => text().includes(l.text)));
    expect(inside(all, { until: w.until }).some((l) => text().includes(l.text))).toBe(false);
    s.close();

    // A window before the first line holds nothing.
    const before = ms(all[0]!.ts) / 1000;
    expect(await containerLines({ id: name, since: before - 60, until: before - 30 })).toEqual([]);
  }, 90_000);

  it('refuses a window that ends before it starts, or lies in the future, before the engine', async () => {
    const now = Date.now() / 1000;
    const refused = async (args: object) => {
      const s = c.subscribe('containers.logs', { id: 'whatever-container', ...args });
      return (await s.ended).error;
    };
    expect(await refused({ since: now - 10, until: now - 20 })).toMatchObject({
      kind: 'invalid',
      message: expect.stringMatching(/end of the time range must be after its start/),
    });
    expect(await refused({ since: now + 3600 })).toMatchObject({
      kind: 'invalid',
      message: expect.stringMatching(/in the future/),
    });
    expect(await refused({ until: 12 })).toMatchObject({
      kind: 'invalid',
      message: expect.stringMatching(/year 2000/),
    });
    const s = c.subscribe('compose.logs', { project: 'whatever', since: now - 10, until: now - 20 });
    expect((await s.ended).error).toMatchObject({ kind: 'invalid' });
  });

  it("selects exactly a compose project's merged lines between since and until (real compose CLI)", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-logwin-'));
    dirs.push(dir);
    const file = join(dir, 'compose.yml');
    const say = (svc: string, delay: string) =>
      `["sh", "-c", "sleep ${delay}; for i in 1 2 3 4; do echo ${svc}-$$i; sleep 1; done; sleep 300"]`;
    writeFileSync(
      file,
      `services:
  api:
    image: ${fixtures().busybox}
    command: ${say('api', '0')}
    stop_grace_period: 1s
  worker:
    image: ${fixtures().busybox}
    command: ${say('worker', '0.5')}
    stop_grace_period: 1s
`,
    );
    const target = targetForFiles([file], uniqueName('logwin'));
    projects.push(target.project);
    await checkComposeConfig(client, target);
    await composeUp(client, target);

    const all = await until(async () => {
      const lines = await readToEnd<ComposeLogLine>('compose.logs', {
        project: target.project,
        tail: 'all',
        follow: false,
      });
      return lines.length === 8 && lines;
    });
    expect(all.filter((l) => l.service === 'api').map((l) => l.text)).toEqual(['api-1', 'api-2', 'api-3', 'api-4']);

    const w = windowOf(all, 1, 2);
    const expected = inside(all, w);
    expect(expected.length).toBeGreaterThanOrEqual(2);
    expect(expected.length).toBeLessThan(8);
    // follow stays on: the window's end stops the stream anyway (the project runs on).
    const picked = await readToEnd<ComposeLogLine>('compose.logs', {
      project: target.project,
      tail: 'all',
      follow: true,
      ...w,
    });
    expect(picked.map((l) => `${l.service}:${l.text}`)).toEqual(expected.map((l) => `${l.service}:${l.text}`));

    // since alone, without following: the lines from there on.
    const rest = await readToEnd<ComposeLogLine>('compose.logs', {
      project: target.project,
      tail: 'all',
      follow: false,
      since: w.until,
    });
    expect(rest.map((l) => l.text)).toEqual(inside(all, { since: w.until }).map((l) => l.text));
  }, 120_000);
});
