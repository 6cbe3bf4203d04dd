// "A day in ten minutes": `berth serve` (the built bundle, own process, behind a request-counting
// proxy) with one page open on the containers list, while a client drives cycles through the contract
// over the WebSocket: run a container (create + start), read its logs, take a stats sample, exec into
// it (a command, then exit), remove it. Four cycles run at a time. Measured: berth serve's RSS and the
// page's JS heap (after a GC) over the first and the last hundred cycles, berth serve's own JS heap
// after a GC (read over its Node inspector, which only the bench opens) after the first hundred and
// after the last, and its open fds and engine connections before the first cycle and after the last
// (after the page's lists settle). The JS heap tells a leak of objects from RSS the process keeps
// without holding anything in it (V8 sizing its young generation, the allocator's free lists).
//
// The issue asks for 2 000 cycles; on the shared 2-core machine a cycle takes about a second, so a
// full run does SOAK_CYCLES (default 600) or stops at SOAK_MINUTES (default 8), whichever comes
// first, and the rows say how many ran.
import { readdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { connectTestClient, type TestConnection } from '../../app/main/serve/ws-test-client';
import type { ExecItem } from '../../app/shared/contract';
import { median } from '../measure';
import type { BenchContext, BenchResult, BenchScenario } from '../types';
import { startCountProxy, type CountProxy } from './support/count-proxy';
import { heapAfterGcMB } from './support/inspector';
import { browserMissing, launchChromium, startServe } from './support/serve';

const LABEL = 'berth.bench=soak';
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Resident set size in MB (/proc/PID/status VmRSS). */
function rssMB(pid: number): number {
  const kb = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
}
const openFds = (pid: number) => readdirSync(`/proc/${pid}/fd`).length;

/** The page's JS heap in MB after a garbage collection. */
async function pageHeapMB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN) / 2 ** 20;
  } finally {
    await cdp.detach();
  }
}

/** Subscribes and waits until `done` says so or the stream ends; then unsubscribes. */
async function until(c: TestConnection, topic: string, args: unknown, done: (items: unknown[]) => boolean) {
  let finish!: () => void;
  const enough = new Promise<void>((r) => (finish = r));
  const s = c.subscribe(topic, args, { onItems: () => done(s.items) && finish() });
  const end = await Promise.race([s.ended, enough.then(() => undefined), sleep(30000).then(() => 'timeout')]);
  if (end === 'timeout') throw new Error(`${topic} gave nothing in 30 s`);
  if (typeof end === 'object' && end.error) throw new Error(`${topic}: ${end.error.message}`);
  if (!end) s.close();
}

async function oneCycle(ctx: BenchContext, c: TestConnection, i: number): Promise<void> {
  const { id } = await c.request<{ id: string }>('containers.run', {
    image: ctx.busybox,
    name: `soak-${i}`,
    command: ['sh', '-c', 'echo soak cycle; sleep 3600'],
    labels: { 'berth.bench': 'soak' },
  });
  await until(c, 'containers.logs', { id, follow: false, tail: 'all' }, () => false);
  await until(c, 'containers.stats', { id }, (items) => items.length > 0);
  const exec = c.subscribe(
    'containers.exec',
    { id, shell: 'sh', cols: 80, rows: 24 },
    {
      onItems: (items) => {
        if ((items as ExecItem[]).some((x) => x.type === 'started'))
          exec.input({ type: 'bytes', data: Buffer.from('echo from-exec; exit\n') });
      },
    },
  );
  const end = await Promise.race([exec.ended, sleep(30000).then(() => undefined)]);
  if (!end) throw new Error('exec did not end in 30 s');
  if (!(exec.items as ExecItem[]).some((x) => x.type === 'exit')) throw new Error('exec ended without an exit');
  await c.request('containers.remove', { id, force: true });
}

export const scenario: BenchScenario = {
  id: 'soak',
  title: 'a day in ten minutes: run/logs/stats/exec/remove cycles through berth serve, one page open',
  goal: 'RSS, berth serve heap and page heap grow < 20 MB (first vs last 100 cycles); fds and engine connections back to start',
  skip: browserMissing,
  async run(ctx): Promise<BenchResult[]> {
    const cycles = ctx.quick ? 20 : Number(process.env.SOAK_CYCLES ?? 600);
    const window = ctx.quick ? 5 : 100;
    const deadline = Date.now() + (ctx.quick ? 2 : Number(process.env.SOAK_MINUTES ?? 8)) * 60_000;
    let proxy: CountProxy | undefined;
    let serve: Awaited<ReturnType<typeof startServe>> | undefined;
    const browser = await launchChromium();
    let c: TestConnection | undefined;
    try {
      proxy = await startCountProxy(ctx.engine.socket);
      serve = await startServe(proxy.host, { inspect: true });
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(`${serve.url}#/containers`);
      await page.getByRole('link', { name: /Engine running/ }).waitFor({ timeout: 20000 });
      c = await connectTestClient(serve.url, new URL(serve.url).searchParams.get('token')!);
      await sleep(3000);
      const fds0 = openFds(serve.pid);
      const conns0 = proxy.openNow();
      const rss: number[] = [];
      const heaps: number[] = [];
      const serveHeaps: number[] = [];
      let done = 0;
      let next = 0;
      let stopAt = cycles;
      const worker = async () => {
        while (next < stopAt) {
          const i = next++;
          await oneCycle(ctx, c!, i);
          rss[i] = rssMB(serve!.pid);
          done++;
          if (done % 50 === 0) ctx.log(`${done} cycles, berth serve RSS ${rss[i]!.toFixed(0)} MB`);
          if (Date.now() > deadline && stopAt === cycles) stopAt = next; // time is up: finish those begun
        }
      };
      const t0 = Date.now();
      // The page's and berth serve's heaps after the first hundred, measured while the workers carry on
      // (not at all when the time limit came first: those rows then have no number).
      let working = true;
      const firstHeap = (async () => {
        while (done < window && working) await sleep(200);
        if (done < window) return;
        heaps.push(await pageHeapMB(page));
        serveHeaps.push(await heapAfterGcMB(serve!.inspector!));
      })();
      await Promise.all([worker(), worker(), worker(), worker()]);
      working = false;
      await firstHeap;
      const ran = done;
      ctx.log(`${ran} cycles in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
      await sleep(5000); // the page's lists and the engine connections settle
      if (heaps.length) heaps.push(await pageHeapMB(page));
      if (serveHeaps.length) serveHeaps.push(await heapAfterGcMB(serve.inspector!));
      await c.close();
      c = undefined;
      await sleep(1000);
      const fds1 = openFds(serve.pid);
      const conns1 = proxy.openNow();
      ctx.log(`fds ${fds0} → ${fds1}; engine connections ${conns0} → ${conns1}`);
      const samples = rss.filter((x) => x !== undefined);
      const first = samples.slice(0, window);
      const last = samples.slice(-window);
      // The first hundred include V8 growing its young generation to its working size (a one-time
      // ≈ 20 MB of RSS, measured: new space 8 → 30 MB in the first hundred cycles, then flat), so
      // a second row compares the second hundred, once that is done, with the last.
      const warm = samples.length >= 3 * window ? samples.slice(window, 2 * window) : undefined;
      const how = `${ran} cycles (${cycles} planned${ran < cycles ? ', stopped by the time limit' : ''}), 4 at a time`;
      // A heap's growth from after the first hundred to after the last, if the first hundred ran.
      const heapGrowth = (h: number[], note: string) =>
        h.length === 2
          ? {
              berth: [h[1]! - h[0]!],
              referenceLabel: `heap after GC ${h[0]!.toFixed(1)} → ${h[1]!.toFixed(1)} MB${note}`,
            }
          : { berth: [], referenceLabel: `not measured: the time limit came before ${window} cycles; ${how}` };
      return [
        {
          title: `soak: berth serve RSS growth, first → last ${window} cycles`,
          berth: [median(last) - median(first)],
          reference: [],
          unit: 'MB',
          referenceLabel: `median RSS ${median(first).toFixed(0)} → ${median(last).toFixed(0)} MB; ${how}`,
          goal: '< 20 MB',
          limit: 20,
        },
        {
          title: `soak: berth serve RSS growth after warm-up, cycles ${window + 1}–${2 * window} → last ${window}`,
          berth: warm ? [median(last) - median(warm)] : [],
          reference: [],
          unit: 'MB',
          referenceLabel: warm
            ? `median RSS ${median(warm).toFixed(0)} → ${median(last).toFixed(0)} MB; ${how}`
            : `not measured: ${samples.length} cycles ran, fewer than the ${3 * window} this row needs; ${how}`,
          goal: '< 20 MB',
          limit: 20,
        },
        {
          title: `soak: berth serve JS heap growth, after the first ${window} cycles → after the last`,
          ...heapGrowth(serveHeaps, `, read over its inspector; ${how}`),
          reference: [],
          unit: 'MB',
          goal: '< 20 MB',
          limit: 20,
        },
        {
          title: `soak: page JS heap growth, after the first ${window} cycles → after the last`,
          ...heapGrowth(heaps, `; ${how}`),
          reference: [],
          unit: 'MB',
          goal: '< 20 MB',
          limit: 20,
        },
        {
          title: 'soak: berth serve open fds, after the last cycle minus before the first',
          berth: [fds1 - fds0],
          reference: [],
          unit: 'count',
          referenceLabel: `${fds0} → ${fds1} (the WebSocket client closed; the page still open)`,
          goal: 'back to start (≤ 0)',
          limit: 0,
        },
        {
          title: 'soak: engine connections open, after the last cycle minus before the first',
          berth: [conns1 - conns0],
          reference: [],
          unit: 'count',
          referenceLabel: `${conns0} → ${conns1}, counted by the proxy between berth serve and the engine`,
          goal: 'back to start (≤ 0)',
          limit: 0,
        },
      ];
    } finally {
      await c?.close();
      await browser.close();
      await serve?.close();
      await proxy?.close();
      await ctx.engine
        .docker([
          'rm',
          '-f',
          ...(await ctx.engine.docker(['ps', '-aq', '--filter', `label=${LABEL}`])).stdout.split('\n').filter(Boolean),
        ])
        .catch(() => undefined);
    }
  },
};
