// The containers list at scale, through the real `berth serve` in Chromium: with 1 000 containers,
// how many rows are in the DOM, the 95th-percentile frame while scrolling the list, Containers →
// Images → Containers, and how the list keeps up with engine events: engine requests per event
// (counted by a unix-socket proxy between Berth and the engine) and freshness (the engine's event
// time → the row showing the new state in the page).
import type { Page } from 'playwright-core';
import { connectEngine } from '../../app/engine/docker/client';
import { streamEvents } from '../../app/engine/docker/events';
import { median, row } from '../measure';
import type { BenchContext, BenchResult, BenchScenario } from '../types';
import { startCountProxy, summarize, type CountProxy } from './support/count-proxy';
import { browserMissing, openServedPage } from './support/serve';

const LABEL = 'berth.bench=ui-list-scale';
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
}

/** Creates `n` containers (8 at a time), `running` of them started with a long sleep. */
async function populate(ctx: BenchContext, n: number, running: number): Promise<string[]> {
  const names = Array.from(
    { length: n },
    (_, i) => `bench-list-${Date.now().toString(36)}-${String(i).padStart(4, '0')}`,
  );
  let next = 0;
  const worker = async () => {
    while (next < names.length) {
      const i = next++;
      const args = i < running ? ['run', '-d'] : ['create'];
      const r = await ctx.engine.docker([
        ...args,
        '--name',
        names[i]!,
        '--label',
        LABEL,
        ctx.busybox,
        'sleep',
        '36000',
      ]);
      if (r.code !== 0) throw new Error(`could not create a container: ${r.stderr}`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return names;
}

/** Frame durations (ms) while the list scrolls down by `step` px a frame for `frames` frames. */
async function scrollFrames(page: Page, frames: number, step: number): Promise<number[]> {
  // A string: bench/ is type-checked without the DOM library.
  return page.evaluate<number[]>(`new Promise((resolve) => {
    const box = document.querySelector('.table-scroll');
    const times = [];
    let last = 0;
    const tick = (t) => {
      if (last) times.push(t - last);
      last = t;
      if (times.length >= ${frames}) return resolve(times);
      box.scrollTop += ${step};
      if (box.scrollTop + box.clientHeight >= box.scrollHeight - 1) box.scrollTop = 0;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })`);
}

/** Resolves with Date.now() in the page when the row of `name` shows `state`. */
function whenRowShows(page: Page, name: string, state: string): Promise<number> {
  return page.evaluate<number>(`new Promise((resolve) => {
    const seen = () => {
      const row = document.querySelector('tr[aria-label="${name}"]');
      return row && row.querySelector('.state-pill')?.textContent === '${state}';
    };
    if (seen()) return resolve(Date.now());
    const mo = new MutationObserver(() => {
      if (seen()) { mo.disconnect(); resolve(Date.now()); }
    });
    mo.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  })`);
}

export const scenario: BenchScenario = {
  id: 'ui-list-scale',
  title: 'containers list with 1 000 containers in the browser',
  goal: 'see rows',
  skip: browserMissing,
  async run(ctx): Promise<BenchResult[]> {
    const n = ctx.quick ? 40 : 1000;
    const runningCount = ctx.quick ? 4 : 20;
    const scale = `${n} containers`;
    ctx.log(`creating ${n} containers (${runningCount} running)…`);
    const names = await populate(ctx, n, runningCount);
    const running = names.slice(0, runningCount);
    let proxy: CountProxy | undefined;
    let close = async (): Promise<void> => undefined;
    const events = new AbortController();
    try {
      proxy = await startCountProxy(ctx.engine.socket);
      const served = await openServedPage(proxy.host, '#/containers');
      const { page } = served;
      close = served.close;
      await page.getByText(new RegExp(`${runningCount} running · ${n} in all`)).waitFor({ timeout: 60000 });
      await sleep(1000);

      const rowsInDom = await page.locator('.data-table tbody tr[aria-label]').count();
      ctx.log(`rows in the DOM: ${rowsInDom}`);

      const frames = await scrollFrames(page, ctx.quick ? 30 : 240, 120);
      const p95 = percentile(frames, 95);
      ctx.log(`scrolling: ${frames.length} frames, median ${median(frames).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);

      const nav: number[] = [];
      const firstRow = page.locator('.data-table tbody tr[aria-label]').first();
      for (let i = 0; i < (ctx.quick ? 1 : 6); i++) {
        const t0 = performance.now();
        await page.getByRole('link', { name: 'Images' }).click();
        await page.getByRole('heading', { name: 'Images', level: 1 }).waitFor();
        await page.locator('.data-table tbody tr[aria-label]').first().waitFor();
        await page.getByRole('link', { name: 'Containers' }).click();
        await page.getByRole('heading', { name: 'Containers', level: 1 }).waitFor();
        await firstRow.waitFor();
        if (i > 0) nav.push(performance.now() - t0); // the first is a warm-up
      }
      if (ctx.quick) nav.push(NaN);

      // Engine events with the list open: pause/unpause running containers from the CLI.
      const client = await connectEngine({ kind: 'unix', socketPath: ctx.engine.socket });
      const eventTimes = new Map<string, number>();
      let eventCount = 0;
      const reading = (async () => {
        for await (const batch of streamEvents(client, { signal: events.signal, filters: { label: [LABEL] } }))
          for (const e of batch) {
            eventTimes.set(`${e.name}:${e.action}`, e.time);
            if (e.type === 'container' && !e.action.startsWith('exec_')) eventCount++;
          }
      })().catch(() => undefined);
      await sleep(300);
      const fresh: number[] = [];
      const rounds = ctx.quick ? 2 : 10;
      for (let i = 0; i < rounds; i++) {
        const name = running[i % running.length]!;
        for (const [verb, state] of [
          ['pause', 'paused'],
          ['unpause', 'running'],
        ] as const) {
          const seen = whenRowShows(page, name, state);
          await ctx.engine.docker([verb, name]);
          const at = await seen;
          for (let w = 0; w < 50 && !eventTimes.has(`${name}:${verb}`); w++) await sleep(20);
          const ev = eventTimes.get(`${name}:${verb}`);
          if (ev !== undefined) fresh.push(Math.max(0, at - ev));
          eventTimes.delete(`${name}:${verb}`);
        }
      }
      // Requests per event: with the running rows scrolled out of view, so the stats sampler (which
      // inspects a container whose process changed) does not count as the list's; the list is still
      // patched (its cache is), as it is for any row off screen.
      await page.evaluate(`document.querySelector('.table-scroll').scrollTop = 1e9`);
      await sleep(2500);
      const eventsBefore = eventCount;
      const t0 = performance.now();
      for (let i = 0; i < rounds; i++) {
        const name = running[i % running.length]!;
        await ctx.engine.docker(['pause', name]);
        await ctx.engine.docker(['unpause', name]);
      }
      // And restarts (kill, die, stop, start, restart events): those rows need a read each.
      for (let i = 0; i < rounds / 2; i++) {
        const name = running[i % running.length]!;
        await ctx.engine.docker(['restart', '-t', '0', name]);
      }
      await sleep(2000); // re-reads after a contradicting read land within 1.5 s
      const seen = proxy.since(t0).filter((r) => !r.path.endsWith('/events'));
      const counted = eventCount - eventsBefore;
      ctx.log(`${counted} events: engine requests ${summarize(seen)}`);
      ctx.log(`freshness: ${fresh.map((f) => f.toFixed(0)).join(', ')} ms`);
      events.abort();
      await reading;

      const label = `${scale}, Chromium 1400×900 on berth serve`;
      return [
        row({
          title: `containers list: rows in the DOM (${scale})`,
          goal: '≤ 80 rows',
          limit: 80,
          berth: [rowsInDom],
          reference: [],
          unit: 'rows',
          referenceLabel: label,
        }),
        row({
          title: `containers list: p95 frame while scrolling (${scale})`,
          goal: '≤ 20 ms',
          limit: 20,
          berth: [p95],
          reference: [],
          unit: 'ms',
          referenceLabel: `${label}, ${frames.length} frames`,
        }),
        row({
          title: `Containers → Images → Containers (${scale})`,
          goal: '≤ 300 ms',
          limit: 300,
          berth: nav,
          reference: [],
          unit: 'ms',
          referenceLabel: ctx.quick ? `${label} (quick mode: one warm-up only, not measured)` : label,
        }),
        row({
          title: `list kept fresh: engine requests per container event (${scale})`,
          goal: '≤ 1 per event',
          limit: 1,
          berth: [seen.length / counted],
          reference: [],
          unit: 'requests/event',
          referenceLabel: `${counted} container events (pause, unpause, restart) from the CLI, rows off screen`,
        }),
        row({
          title: `list kept fresh: engine event → row updated (${scale})`,
          goal: '< 100 ms median',
          limit: 100,
          berth: fresh,
          reference: [],
          unit: 'ms',
          referenceLabel: `${fresh.length} pause/unpause events from the CLI, rows on screen`,
        }),
      ];
    } finally {
      events.abort();
      await close();
      await proxy?.close();
      for (let i = 0; i < names.length; i += 100) await ctx.engine.docker(['rm', '-f', ...names.slice(i, i + 100)]);
    }
  },
};

export default scenario;
