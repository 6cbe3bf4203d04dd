// Keystroke-to-echo latency: a character typed into the browser UI's Terminal tab (xterm, through
// `berth serve`'s WebSocket and the engine's exec stream) until it is drawn in `.xterm-rows`,
// against `docker exec -it` in a pty (util-linux `script`) until the echo reaches its output.
// Both shells are busybox sh in the same running container; keystrokes alternate between them.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { ExecItem } from '../../app/shared/contract';
import { connectTestClient } from '../../app/main/serve/ws-test-client';
import { row } from '../measure';
import type { BenchContext, BenchResult, BenchScenario } from '../types';
import { browserMissing, launchChromium, startServe } from './support/serve';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const KEY = 'x';

/**
 * In-page probe (a string: bench/ is type-checked without the DOM library). arm() notes the next
 * keydown's timestamp and resolves `window.__echo` with the ms from it until `.xterm-rows` shows
 * one more KEY than before — the DOM renderer's update, painted in the same frame.
 */
const PROBE = `window.__arm = (ch) => {
  const rows = document.querySelector('.xterm-rows');
  const count = () => rows.textContent.split(ch).length - 1;
  const before = count();
  let t0 = NaN;
  const onKey = (e) => { if (e.key === ch && Number.isNaN(t0)) t0 = e.timeStamp; };
  window.addEventListener('keydown', onKey, true);
  window.__echo = new Promise((resolve) => {
    const mo = new MutationObserver(() => {
      if (count() <= before) return;
      mo.disconnect();
      window.removeEventListener('keydown', onKey, true);
      resolve(performance.now() - t0);
    });
    mo.observe(rows, { childList: true, subtree: true, characterData: true });
  });
};`;

/** Waits (up to 2 s) until the screen shows no more KEYs than at the start, i.e. the last backspace is drawn. */
const SETTLE = `(ch, n) => new Promise((resolve) => {
  const rows = document.querySelector('.xterm-rows');
  const deadline = performance.now() + 2000;
  const check = () => (rows.textContent.split(ch).length - 1 <= n || performance.now() > deadline ? resolve() : requestAnimationFrame(check));
  check();
})`;

async function berthKeystroke(page: Page, baseline: number): Promise<number> {
  await page.evaluate(`(${SETTLE})(${JSON.stringify(KEY)}, ${baseline})`);
  await page.evaluate(`window.__arm(${JSON.stringify(KEY)})`);
  await page.keyboard.press(KEY);
  const ms = await page.evaluate<number>(
    'Promise.race([window.__echo, new Promise((_, j) => setTimeout(() => j(new Error("no echo in 5 s")), 5000))])',
  );
  await page.keyboard.press('Backspace');
  return ms;
}

/** Output text of a terminal seen from Node, and the time from a keystroke until it is echoed. */
class EchoProbe {
  private out = '';
  private waiters: (() => void)[] = [];

  constructor(private readonly label: string) {}

  feed(text: string): void {
    this.out += text;
    for (const w of this.waiters.splice(0)) w();
  }

  async waitFor(test: (out: string) => boolean, timeoutMs = 10000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!test(this.out)) {
      if (Date.now() > deadline)
        throw new Error(`${this.label}: timed out; output so far: ${JSON.stringify(this.out.slice(-200))}`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 50);
      });
    }
  }

  async keystroke(write: (data: string) => void): Promise<number> {
    this.out = '';
    const t0 = performance.now();
    write(KEY);
    await this.waitFor((o) => o.includes(KEY), 5000);
    const ms = performance.now() - t0;
    write('\x7f');
    return ms;
  }
}

/** `docker exec -it NAME sh` in a pty made by `script`. */
function cliTerminal(
  ctx: BenchContext,
  name: string,
): { probe: EchoProbe; keystroke(): Promise<number>; close(): void } {
  const probe = new EchoProbe('docker exec -it');
  const cmd = `docker -H ${ctx.engine.host} exec -it ${name} sh`;
  const child = spawn('script', ['-qfec', cmd, '/dev/null'], {
    stdio: 'pipe',
    env: { ...process.env, TERM: 'xterm-256color' },
  });
  child.stdout.on('data', (d: Buffer) => probe.feed(d.toString('latin1')));
  return {
    probe,
    keystroke: () => probe.keystroke((d) => child.stdin.write(d)),
    close() {
      child.stdin.end('exit\r');
      setTimeout(() => child.kill('SIGKILL'), 2000).unref();
    },
  };
}

/** The same exec as the UI's Terminal tab, over `berth serve`'s WebSocket contract without a browser. */
async function wsTerminal(
  serveUrl: string,
  name: string,
): Promise<{ probe: EchoProbe; keystroke(): Promise<number>; close(): Promise<void> }> {
  const u = new URL(serveUrl);
  const c = await connectTestClient(`${u.protocol}//${u.host}`, u.searchParams.get('token') ?? '');
  const probe = new EchoProbe('containers.exec over WebSocket');
  const s = c.subscribe(
    'containers.exec',
    { id: name, shell: '/bin/sh', cols: 80, rows: 24 },
    {
      onItems: (items) => {
        for (const it of items as ExecItem[])
          if (it.type === 'bytes') probe.feed(Buffer.from(it.data).toString('latin1'));
      },
    },
  );
  return {
    probe,
    keystroke: () => probe.keystroke((data) => s.input({ type: 'bytes', data: Buffer.from(data) })),
    async close() {
      s.close();
      await c.close();
    },
  };
}

export const scenario: BenchScenario = {
  id: 'terminal-latency',
  title: 'terminal keystroke-to-echo latency',
  goal: '≤ 1.2× docker exec -it',
  goalRatio: 1.2,
  skip() {
    if (!existsSync('/usr/bin/script')) return 'util-linux script is not installed (apt-get install util-linux)';
    return browserMissing();
  },
  async run(ctx): Promise<BenchResult[]> {
    const name = `bench-term-${Date.now().toString(36)}`;
    const started = await ctx.engine.docker(['run', '-d', '--name', name, ctx.busybox, 'sleep', '3600']);
    if (started.code !== 0) throw new Error(`could not start a container: ${started.stderr}`);
    const serve = await startServe(ctx.engine.host);
    const browser = await launchChromium();
    const cli = cliTerminal(ctx, name);
    let ws: Awaited<ReturnType<typeof wsTerminal>> | undefined;
    try {
      const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
      await page.goto(`${serve.url}#/containers/${name}/terminal`);
      await page.locator('.xterm-rows').filter({ hasText: '#' }).waitFor({ timeout: 20000 });
      await page.locator('.xterm').click();
      await page.evaluate(PROBE);
      ws = await wsTerminal(serve.url, name);
      await cli.probe.waitFor((o) => o.includes('#'));
      await ws.probe.waitFor((o) => o.includes('#'));
      const runs = ctx.quick ? 5 : 40;
      const warmup = 3;
      const baseline = await page.evaluate<number>(
        `document.querySelector('.xterm-rows').textContent.split(${JSON.stringify(KEY)}).length - 1`,
      );
      const sides = [() => berthKeystroke(page, baseline), ws.keystroke, cli.keystroke];
      const samples: number[][] = [[], [], []];
      for (let i = 0; i < warmup + runs; i++) {
        // Rotate which side goes first; let each backspace settle before the next key.
        for (let k = 0; k < sides.length; k++) {
          const j = (i + k) % sides.length;
          const ms = await sides[j]!();
          if (i >= warmup) samples[j]!.push(ms);
          await sleep(50);
        }
      }
      const [ui, overWs, reference] = samples as [number[], number[], number[]];
      const show = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(' ');
      ctx.log(`browser UI  ${show(ui)}`);
      ctx.log(`WebSocket   ${show(overWs)}`);
      ctx.log(`docker CLI  ${show(reference)}`);
      const label = 'docker exec -it in a pty (script)';
      return [
        row({
          title: 'terminal keystroke → echo drawn in the browser UI (xterm)',
          berth: ui,
          reference,
          unit: 'ms',
          referenceLabel: label,
        }),
        row({
          title: 'terminal keystroke → echo over the WebSocket contract (no browser)',
          berth: overWs,
          reference,
          unit: 'ms',
          referenceLabel: label,
        }),
      ];
    } finally {
      cli.close();
      await ws?.close();
      await browser.close();
      await serve.close();
      await ctx.engine.docker(['rm', '-f', name]);
    }
  },
};

export default scenario;
