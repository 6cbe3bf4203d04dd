// The containers list patching itself with 1 000 containers: `berth serve` (built bundle, own process,
// behind a request-counting proxy) with one page on the containers list, while the docker CLI creates,
// starts, renames, stops and removes a container. For each CLI command: how long after it returns the
// page's row shows the change (freshness), and, over the whole run, how many engine requests Berth
// made per engine event (the events stream itself not counted). The events are counted from the
// engine's own `docker events` over the same window.
import { spawn } from 'node:child_process';
import type { Page } from 'playwright-core';
import { mapLimit } from '../../app/engine/docker/map-limit';
import { median, timeCommand } from '../measure';
import type { BenchContext, BenchResult, BenchScenario } from '../types';
import { startCountProxy, summarize, type CountProxy } from './support/count-proxy';
import { browserMissing, launchChromium, startServe } from './support/serve';

const LABEL = 'berth.bench=list-patch';
const dockerEnv = (ctx: BenchContext) => ({ ...process.env, DOCKER_HOST: ctx.engine.host });

/** Creates containers until the engine has `n`, labelled for removal afterwards. */
async function fillTo(ctx: BenchContext, n: number): Promise<void> {
  const have = (await ctx.engine.docker(['ps', '-aq'])).stdout.trim().split('\n').filter(Boolean).length;
  const todo = Array.from({ length: Math.max(0, n - have) }, (_, i) => i);
  await mapLimit(todo, 6, () => ctx.engine.docker(['create', '--label', LABEL, ctx.busybox, 'true']));
}

/** Engine events (container and network, not exec_*) between two Unix times, as the engine lists them. */
function countEvents(ctx: BenchContext, since: number, until: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'docker',
      ['events', '--since', String(since), '--until', String(until), '--format', '{{.Type}} {{.Action}}'],
      { env: dockerEnv(ctx) },
    );
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', () =>
      resolve(out.split('\n').filter((l) => /^(container|network) /.test(l) && !/^container exec_/.test(l)).length),
    );
  });
}

type Step = { cli: string[]; shown: (page: Page) => Promise<unknown> };

/** One cycle of CLI commands on a container whose name sorts first (the list sorts by name). */
function cycle(ctx: BenchContext, i: number): Step[] {
  const name = `aaa-patch-${i}`;
  const renamed = `aab-patch-${i}`;
  const row = (page: Page, n: string) => page.getByRole('row', { name: n, exact: true });
  const state = (page: Page, n: string, s: string) =>
    row(page, n).locator('.state-pill', { hasText: s }).waitFor({ timeout: 10000 });
  return [
    {
      cli: ['create', '--name', name, '--label', LABEL, ctx.busybox, 'sleep', '3600'],
      shown: (p) => state(p, name, 'created'),
    },
    { cli: ['start', name], shown: (p) => state(p, name, 'running') },
    { cli: ['rename', name, renamed], shown: (p) => state(p, renamed, 'running') },
    { cli: ['stop', '-t', '0', renamed], shown: (p) => state(p, renamed, 'exited') },
    { cli: ['rm', renamed], shown: (p) => row(p, renamed).waitFor({ state: 'detached', timeout: 10000 }) },
  ];
}

export const scenario: BenchScenario = {
  id: 'ui-list-patch',
  title: 'containers list patching itself, 1 000 containers',
  goal: '≤ 1 engine request per event; row fresh < 100 ms (median)',
  skip: browserMissing,
  async run(ctx): Promise<BenchResult[]> {
    const n = ctx.quick ? 50 : 1000;
    const cycles = ctx.quick ? 2 : 12;
    ctx.log(`filling the engine to ${n} containers`);
    await fillTo(ctx, n);
    let proxy: CountProxy | undefined;
    let serve: Awaited<ReturnType<typeof startServe>> | undefined;
    const browser = await launchChromium();
    try {
      proxy = await startCountProxy(ctx.engine.socket);
      serve = await startServe(proxy.host);
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(`${serve.url}#/containers`);
      await page.getByText(new RegExp(`${n} in all`)).waitFor({ timeout: 60000 });
      await page.waitForTimeout(2000); // the first stats samples and lists settle
      const fresh: number[] = [];
      const cli: number[] = [];
      const byCommand = new Map<string, number[]>();
      // The warm-up cycle is not counted.
      for (const step of cycle(ctx, -1)) {
        await timeCommand('docker', step.cli, dockerEnv(ctx));
        await step.shown(page);
      }
      await page.waitForTimeout(1500);
      const since = Math.floor(Date.now() / 1000);
      await new Promise((r) => setTimeout(r, 1100 - (Date.now() % 1000))); // a whole second apart from the warm-up
      const t0 = performance.now();
      for (let i = 0; i < cycles; i++)
        for (const step of cycle(ctx, i)) {
          cli.push(await timeCommand('docker', step.cli, dockerEnv(ctx)));
          const s0 = performance.now();
          await step.shown(page);
          fresh.push(performance.now() - s0);
          byCommand.set(step.cli[0]!, [...(byCommand.get(step.cli[0]!) ?? []), fresh.at(-1)!]);
        }
      // Reads after the last event (settle, retries) still count.
      await page.waitForTimeout(2000);
      const requests = proxy.since(t0).filter((r) => !r.path.endsWith('/events'));
      const until = Math.ceil(Date.now() / 1000);
      const events = await countEvents(ctx, since + 1, until);
      ctx.log(`${cycles} cycles: ${events} engine events, ${requests.length} engine requests (${summarize(requests)})`);
      ctx.log(`freshness median ${median(fresh).toFixed(1)} ms over ${fresh.length} commands`);
      for (const [cmd, ms] of byCommand) ctx.log(`  docker ${cmd}: median ${median(ms).toFixed(1)} ms`);
      return [
        {
          title: `list patching, ${n} containers: engine requests per engine event`,
          berth: [requests.length / Math.max(1, events)],
          reference: [],
          unit: 'requests/event',
          referenceLabel: `${events} events from ${cycles} cycles of create/start/rename/stop/rm on the CLI`,
          goal: '≤ 1 request per event',
          limit: 1,
        },
        {
          title: `list patching, ${n} containers: CLI command returned → row shows it`,
          berth: fresh,
          reference: cli,
          unit: 'ms',
          referenceLabel: 'the docker CLI command itself (create/start/rename/stop/rm)',
          goal: '< 100 ms (median)',
          limit: 100,
        },
      ];
    } finally {
      await browser.close();
      await serve?.close();
      await proxy?.close();
      await ctx.engine.docker(['container', 'prune', '-f', '--filter', `label=${LABEL}`]);
    }
  },
};
