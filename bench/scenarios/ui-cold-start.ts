// Cold start of the UI: `berth serve` (the built bundle, a new Node process) spawned until its page,
// opened in an already running Chromium, has painted the containers list (its first row) — against
// the engine's own cold start (dockerd started by hand until /_ping answers, engine-cold-start.ts).
// Goal: the UI is ready at most 300 ms later than the engine itself would be. The two alternate.
import { findBinary } from '../../app/engine/host/binaries';
import type { BenchContext, BenchResult, BenchScenario } from '../types';
import { byHandColdStart } from './engine-cold-start';
import { browserMissing, launchChromium, startServe } from './support/serve';

const LABEL = 'berth.bench=ui-cold-start';

async function uiColdStart(ctx: BenchContext, browser: Awaited<ReturnType<typeof launchChromium>>, first: string) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  try {
    const t0 = performance.now();
    const serve = await startServe(ctx.engine.host);
    const up = performance.now() - t0;
    try {
      await page.goto(`${serve.url}#/containers`);
      const loaded = performance.now() - t0;
      await page.getByRole('row', { name: first, exact: true }).waitFor({ timeout: 30000 });
      const painted = performance.now() - t0;
      ctx.log(
        `  serving after ${up.toFixed(0)} ms, page loaded ${loaded.toFixed(0)} ms, list painted ${painted.toFixed(0)} ms`,
      );
      return painted;
    } finally {
      await serve.close();
    }
  } finally {
    await page.close();
  }
}

export const scenario: BenchScenario = {
  id: 'ui-cold-start',
  title: 'UI cold start: berth serve started → containers list painted in the browser',
  goal: '≤ 300 ms over the engine’s cold start to /_ping',
  skip() {
    if (process.getuid?.() !== 0) return 'needs root to start a dockerd by hand (the reference)';
    if (!findBinary('dockerd')) return 'dockerd is not installed';
    return browserMissing();
  },
  async run(ctx): Promise<BenchResult> {
    const runs = ctx.quick ? 1 : 7;
    // A list to paint: 20 containers, the first by name is ours.
    const first = 'aaa-cold-start-0';
    for (let i = 0; i < 20; i++)
      await ctx.engine.docker(['create', '--name', `aaa-cold-start-${i}`, '--label', LABEL, ctx.busybox, 'true']);
    const browser = await launchChromium();
    const berth: number[] = [];
    const reference: number[] = [];
    try {
      await uiColdStart(ctx, browser, first); // warm-up: the bundle and Chromium's caches
      for (let i = 0; i < runs; i++) {
        if (i % 2) {
          reference.push(await byHandColdStart());
          berth.push(await uiColdStart(ctx, browser, first));
        } else {
          berth.push(await uiColdStart(ctx, browser, first));
          reference.push(await byHandColdStart());
        }
        ctx.log(`run ${i + 1}: UI ${berth.at(-1)!.toFixed(0)} ms, engine ${reference.at(-1)!.toFixed(0)} ms`);
      }
    } finally {
      await browser.close();
      await ctx.engine.docker(['container', 'prune', '-f', '--filter', `label=${LABEL}`]);
    }
    return {
      berth,
      reference,
      unit: 'ms',
      referenceLabel: 'the engine’s cold start: dockerd by hand → /_ping',
      goalOver: 300,
    };
  },
};
