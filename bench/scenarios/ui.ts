// The browser UI against `berth serve`: how fast a CLI change shows, how the logs view copes with
// a million lines, and what the renderer holds in memory with many containers.
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../../app/main/serve/test-server';
import type { BenchContext, BenchResult, BenchScenario } from '../types';
import { timeCommand } from '../measure';
import { CHROMIUM, launchChromium } from './support/serve';

const RENDERER = new URL('../../out/renderer/', import.meta.url).pathname;

function missing(): string | undefined {
  if (!existsSync(CHROMIUM)) return `Chromium is not installed at ${CHROMIUM} (apt-get install chromium)`;
  if (!existsSync(`${RENDERER}index.html`)) return 'the UI is not built (npm run build)';
  return undefined;
}

async function openUi(
  ctx: BenchContext,
): Promise<{ t: TestServer; browser: Browser; page: Page; close(): Promise<void> }> {
  const t = await startTestServer(ctx.engine.host, { rendererDir: RENDERER });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`${t.server.url}#/containers`);
  await page.getByRole('link', { name: /Engine running/ }).waitFor();
  return {
    t,
    browser,
    page,
    async close() {
      await browser.close();
      await t.close();
    },
  };
}

const dockerEnv = (ctx: BenchContext) => ({ ...process.env, DOCKER_HOST: ctx.engine.host });

export const scenarios: BenchScenario[] = [
  {
    id: 'ui-freshness',
    title: 'docker run on the CLI → row visible in the browser',
    goal: '< 300 ms after the CLI returns',
    skip: missing,
    async run(ctx): Promise<BenchResult> {
      const ui = await openUi(ctx);
      const berth: number[] = [];
      const reference: number[] = [];
      try {
        const runs = ctx.quick ? 3 : 15;
        for (let i = 0; i < runs; i++) {
          const name = `fresh-${Date.now()}-${i}`;
          const row = ui.page.getByRole('row', { name });
          reference.push(await timeCommand('docker', ['create', '--name', name, ctx.busybox, 'true'], dockerEnv(ctx)));
          const t0 = performance.now();
          await row.waitFor({ timeout: 10000 });
          berth.push(performance.now() - t0);
          await ctx.engine.docker(['rm', name]);
        }
      } finally {
        await ui.close();
      }
      // Berth's time starts when the CLI has returned, so the goal is a limit on it alone.
      return { berth, reference, unit: 'ms', referenceLabel: 'the docker create command itself', limit: 300 };
    },
  },
  {
    id: 'ui-logs-1m',
    title: 'logs view of a 1 000 000-line log',
    goal: 'tail < 1 s, search < 500 ms',
    skip: missing,
    async run(ctx): Promise<BenchResult[]> {
      const lines = ctx.quick ? 50_000 : 1_000_000;
      const name = `bench-biglog-${Date.now()}`;
      await ctx.engine.docker(['run', '--name', name, ctx.busybox, 'seq', '1', String(lines)]);
      const ui = await openUi(ctx);
      const tail: number[] = [];
      const all: number[] = [];
      const search: number[] = [];
      const reference: number[] = [];
      const last = ui.page.getByRole('log').getByText(String(lines), { exact: true });
      try {
        const runs = ctx.quick ? 1 : 3;
        for (let i = 0; i < runs; i++) {
          // A fresh page each run: a hash change alone would keep the previous run's search and scroll.
          await ui.page.goto('about:blank');
          const t0 = performance.now();
          await ui.page.goto(`${ui.t.server.url.split('?')[0]}#/containers/${name}/logs`);
          await last.waitFor({ timeout: 30000 }); // the default view: the tail
          tail.push(performance.now() - t0);
          const t1 = performance.now();
          await ui.page.getByLabel('Lines').selectOption('all');
          await ui.page
            .getByText(`${lines.toLocaleString('en')} lines`)
            .first()
            .waitFor({ timeout: 60000 });
          await last.waitFor({ timeout: 60000 });
          all.push(performance.now() - t1);
          const needle = String(Math.floor(lines / 2) + 7);
          const t2 = performance.now();
          await ui.page.getByLabel('Search logs').fill(needle);
          await ui.page.getByText(/1 of \d+/).waitFor({ timeout: 30000 });
          search.push(performance.now() - t2);
          reference.push(await timeCommand('docker', ['logs', name], dockerEnv(ctx)));
        }
      } finally {
        await ui.close();
        await ctx.engine.docker(['rm', '-f', name]);
      }
      return [
        {
          berth: tail,
          reference,
          unit: 'ms',
          referenceLabel: 'tail shown (default view) vs docker logs > /dev/null',
          goal: 'tail shown < 1 s',
          limit: 1000,
        },
        {
          berth: all,
          reference,
          unit: 'ms',
          referenceLabel: 'all lines loaded vs docker logs > /dev/null',
          goal: '≤ 1.0× docker logs > /dev/null',
          goalRatio: 1,
        },
        {
          berth: search,
          reference,
          unit: 'ms',
          referenceLabel: 'search over all lines vs docker logs',
          goal: 'search < 500 ms',
          limit: 500,
        },
      ];
    },
  },
  {
    id: 'ui-memory-1000',
    title: 'renderer JS heap with 1 000 containers listed',
    goal: '< 150 MB',
    skip: missing,
    async run(ctx): Promise<BenchResult> {
      const n = ctx.quick ? 50 : 1000;
      const have = (await ctx.engine.docker(['ps', '-aq'])).stdout.trim().split('\n').filter(Boolean).length;
      for (let i = have; i < n; i++) await ctx.engine.docker(['create', ctx.busybox, 'true']);
      const ui = await openUi(ctx);
      try {
        await ui.page.getByText(new RegExp(`${n} in all`)).waitFor({ timeout: 60000 });
        await ui.page.mouse.wheel(0, 20000);
        await ui.page.waitForTimeout(1000);
        const cdp = await ui.page.context().newCDPSession(ui.page);
        await cdp.send('HeapProfiler.collectGarbage');
        await cdp.send('Performance.enable'); // getMetrics is empty until the domain is enabled
        const { metrics } = await cdp.send('Performance.getMetrics');
        const heap = (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN) / 2 ** 20;
        return { berth: [heap], reference: [150], unit: 'MB', referenceLabel: 'the 150 MB goal', limit: 150 };
      } finally {
        await ui.close();
      }
    },
  },
];
