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
