// What every e2e spec gets: the page opened on Berth, and the docker CLI on the same private engine.
import { test as base, expect, type Page } from '@playwright/test';
import { runDocker } from '../harness/engine';

export interface Berth {
  url: string;
  busybox: string;
  docker(args: string[], input?: string): Promise<{ stdout: string; stderr: string; code: number }>;
  /** Opens Berth at a route (e.g. '#/containers') and waits for the engine to be running. */
  open(page: Page, route?: string): Promise<void>;
}

export const test = base.extend<{ berth: Berth }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
  berth: async ({}, use) => {
    const url = process.env.BERTH_URL!;
    const host = process.env.BERTH_ENGINE_HOST!;
    await use({
      url,
      busybox: process.env.BERTH_BUSYBOX!,
      docker: (args, input) => runDocker(host, args, input),
      async open(page, route = '#/containers') {
        await page.goto(url + route);
        await expect(page.getByRole('link', { name: /Engine running/ })).toBeVisible();
      },
    });
  },
});

export { expect };

export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** The window sizes screens are shot at: the two every screen is looked at in, and a wide one. */
export const SCREEN_SIZES = [
  [1024, 700],
  [1440, 900],
  [1920, 1080],
] as const;

const HTTPD = ['httpd', '-f', '-p', '80', '-h', '/www'];

/**
 * Runs the busybox fixture's web server (httpd on port 80, serving /www) as container `name`, with a
 * new volume `<name>-data` at /data and `args` (ports, env…) for `docker run`; removing both is the
 * caller's.
 */
export async function runWebServer(berth: Berth, name: string, args: string[]): Promise<void> {
  await berth.docker(['volume', 'create', `${name}-data`]);
  await berth.docker(['run', '-d', '--name', name, '-v', `${name}-data:/data`, ...args, berth.busybox, ...HTTPD]);
}

/** A container's state as the engine reports it: running, exited, paused… */
export async function containerState(berth: Berth, name: string): Promise<string> {
  return (await berth.docker(['inspect', '-f', '{{.State.Status}}', name])).stdout.trim();
}

/**
 * For a describe whose tests make containers: `name(prefix)` is a unique name, the container so
 * named is removed after the describe's tests; `run` starts one with `docker run -d` and those args.
 */
export function madeContainers() {
  const made: string[] = [];
  test.afterAll(async ({ berth }) => {
    if (made.length) await berth.docker(['rm', '-f', ...made]);
  });
  const name = (prefix: string) => {
    const n = uniqueName(prefix);
    made.push(n);
    return n;
  };
  return {
    name,
    async run(berth: Berth, prefix: string, args: string[]): Promise<string> {
      const n = name(prefix);
      const r = await berth.docker(['run', '-d', '--name', n, ...args]);
      expect(r.code, r.stderr).toBe(0);
      return n;
    },
  };
}
