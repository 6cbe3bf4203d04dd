// Idle footprint of `berth serve` with one open page on the containers list: the serve process's
// CPU and RSS, the dockerd + containerd CPU it adds over no Berth at all, and the engine requests
// it makes — with the page visible, then hidden behind another tab (goal: no requests at all).
// Requests are counted by a unix-socket proxy between Berth and the engine.
import type { Page } from 'playwright-core';
import { cpuSeconds, cpuSecondsOf, row, rssMiB, withChildren } from '../measure';
import type { BenchContext, BenchResult, BenchScenario } from '../types';
import { startCountProxy, summarize, type CountProxy } from './support/count-proxy';
import { browserMissing, openServedPage } from './support/serve';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const LABEL = 'berth.bench=idle-footprint';

interface Window {
  serveCpuPct: number;
  engineCpuPct: number;
  rss: number;
  requests: number;
}

/** Watches `seconds` of idling: CPU as % of one core over the window, the highest RSS (read each second). */
async function idle(
  ctx: BenchContext,
  seconds: number,
  servePid: number | undefined,
  proxy: CountProxy | undefined,
): Promise<Window> {
  const engine = withChildren(ctx.engine.pid);
  const t0 = performance.now();
  const s0 = servePid ? cpuSeconds(servePid) : 0;
  const e0 = cpuSecondsOf(engine);
  let rss = NaN;
  const readRss = () => {
    if (servePid) rss = Math.max(Number.isNaN(rss) ? 0 : rss, rssMiB(servePid));
  };
  const sampler = setInterval(readRss, 1000);
  await sleep(seconds * 1000);
  clearInterval(sampler);
  readRss();
  const wall = (performance.now() - t0) / 1000;
  const pct = (cpu: number) => (cpu / wall) * 100;
  const seen = proxy?.since(t0) ?? [];
  if (seen.length) ctx.log(`  engine requests: ${summarize(seen)}`);
  return {
    serveCpuPct: servePid ? pct(cpuSeconds(servePid) - s0) : NaN,
    engineCpuPct: pct(cpuSecondsOf(engine) - e0),
    rss,
    requests: seen.length,
  };
}

/**
 * Hides the page and says how, checked by document.visibilityState. Another tab in front hides it
 * in a headed browser; headless Chromium keeps every page visible (tabs, minimizing, CDP lifecycle
 * states tried), so there the page is told it is hidden the way a browser tells it: visibilityState
 * and hidden flip and visibilitychange fires — the signals Berth's renderer listens to.
 */
async function hide(page: Page): Promise<string> {
  const other = await page.context().newPage();
  await other.goto('about:blank');
  await other.bringToFront();
  const visibility = () => page.evaluate<string>('document.visibilityState');
  if ((await visibility()) === 'hidden') return 'another tab in front';
  await other.close();
  // A string: bench/ is type-checked without the DOM library.
  await page.evaluate(`
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    document.dispatchEvent(new Event('visibilitychange'));
    window.dispatchEvent(new Event('blur'));
  `);
  const state = await visibility();
  if (state !== 'hidden') throw new Error(`could not hide the page (visibilityState is ${state})`);
  return 'emulated visibilitychange (headless)';
}

export const scenario: BenchScenario = {
  id: 'idle-footprint',
  title: 'idle berth serve with one open page',
  goal: 'see rows',
  skip: browserMissing,
  async run(ctx): Promise<BenchResult[]> {
    const seconds = ctx.quick ? 5 : 60;
    const running = ctx.quick ? 2 : 5;
    const names: string[] = [];
    for (let i = 0; i < running; i++) {
      const name = `bench-idle-${Date.now().toString(36)}-${i}`;
      const r = await ctx.engine.docker(['run', '-d', '--name', name, '--label', LABEL, ctx.busybox, 'sleep', '3600']);
      if (r.code !== 0) throw new Error(`could not start a container: ${r.stderr}`);
      names.push(name);
    }
    let proxy: CountProxy | undefined;
    let close = async (): Promise<void> => undefined;
    try {
      await sleep(2000);
      const none = await idle(ctx, seconds, undefined, undefined);
      ctx.log(`no Berth: dockerd+containerd ${none.engineCpuPct.toFixed(2)} % of a core over ${seconds} s`);

      proxy = await startCountProxy(ctx.engine.socket);
      const served = await openServedPage(proxy.host, '#/containers');
      const { serve, page } = served;
      close = served.close;
      await page.getByRole('link', { name: /Engine running/ }).waitFor({ timeout: 20000 });
      await page.getByRole('row', { name: names[0] }).waitFor({ timeout: 20000 });
      await sleep(ctx.quick ? 1000 : 3000); // let the first load's requests and stats settle
      // Proves the proxy sees Berth's traffic: the page load itself makes requests.
      ctx.log(`page load: ${proxy.requests.length} engine requests (${summarize(proxy.requests)})`);

      const visible = await idle(ctx, seconds, serve.pid, proxy);
      ctx.log(
        `visible: serve ${visible.serveCpuPct.toFixed(2)} % core, ${visible.rss.toFixed(0)} MB; engine ${visible.engineCpuPct.toFixed(2)} %; ${visible.requests} requests`,
      );
      const how = await hide(page);
      await sleep(ctx.quick ? 1000 : 2000); // let the page drop its subscriptions
      const hidden = await idle(ctx, seconds, serve.pid, proxy);
      ctx.log(
        `hidden (${how}): serve ${hidden.serveCpuPct.toFixed(2)} % core, ${hidden.rss.toFixed(0)} MB; engine ${hidden.engineCpuPct.toFixed(2)} %; ${hidden.requests} requests`,
      );

      // The engine's own background work drifts: measure it without Berth again afterwards and
      // compare with the mean of both windows (the median of two samples).
      await close();
      close = async () => undefined;
      const after = await idle(ctx, seconds, undefined, undefined);
      ctx.log(`no Berth again: dockerd+containerd ${after.engineCpuPct.toFixed(2)} % of a core over ${seconds} s`);
      const noBerthCpu = [none.engineCpuPct, after.engineCpuPct];

      const span = `${running} running containers, ${seconds} s`;
      const noBerth = `dockerd+containerd with no Berth, ${seconds} s before and after`;
      return [
        row({
          title: 'idle, page visible: berth serve CPU',
          goal: '≤ 1 % of a core',
          limit: 1,
          berth: [visible.serveCpuPct],
          reference: [],
          unit: '% core',
          referenceLabel: span,
        }),
        row({
          title: 'idle, page hidden: berth serve CPU',
          goal: '≤ 0.2 % of a core',
          limit: 0.2,
          berth: [hidden.serveCpuPct],
          reference: [],
          unit: '% core',
          referenceLabel: span,
        }),
        row({
          title: 'idle, page visible: berth serve peak RSS',
          goal: '≤ 100 MB',
          limit: 100,
          berth: [visible.rss],
          reference: [],
          unit: 'MB',
          referenceLabel: span,
        }),
        row({
          title: 'idle, page hidden: berth serve peak RSS',
          goal: '≤ 100 MB',
          limit: 100,
          berth: [hidden.rss],
          reference: [],
          unit: 'MB',
          referenceLabel: span,
        }),
        row({
          title: 'idle, page visible: engine CPU',
          goal: '≤ 1.5× no Berth',
          goalRatio: 1.5,
          berth: [visible.engineCpuPct],
          reference: noBerthCpu,
          unit: '% core',
          referenceLabel: noBerth,
        }),
        row({
          title: 'idle, page hidden: engine CPU',
          goal: '≤ 1.1× no Berth',
          goalRatio: 1.1,
          berth: [hidden.engineCpuPct],
          reference: noBerthCpu,
          unit: '% core',
          referenceLabel: noBerth,
        }),
        row({
          title: 'idle, page visible: engine requests',
          goal: '(informational)',
          berth: [visible.requests],
          reference: [],
          unit: 'requests',
          referenceLabel: span,
        }),
        row({
          title: 'idle, page hidden: engine requests',
          goal: 'none',
          limit: 0,
          berth: [hidden.requests],
          reference: [],
          unit: 'requests',
          referenceLabel: `${span}, hidden by ${how}`,
        }),
      ];
    } finally {
      await close();
      await proxy?.close();
      if (names.length) await ctx.engine.docker(['rm', '-f', ...names]);
    }
  },
};

export default scenario;
