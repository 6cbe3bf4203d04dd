// Logs over time in Chromium against the real engine and the real compose CLI: a container (and a
// compose project's service) prints JSON lines with a level, one a second; an absolute range cut
// from the engine's own timestamps, typed in the page's local time (a zone far from UTC), shows only
// the lines inside it and says it is not following; a field filter (level=error) keeps only those.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { compose } from './compose-cli';
import { expect, test, uniqueName, type Berth } from './fixtures';

// Local time is UTC+05:30 here: the picker must turn what the user typed into the right instant.
const ZONE_OFFSET_MS = 5.5 * 3600_000;
test.use({ timezoneId: 'Asia/Kolkata' });

/** Six JSON lines, one a second (every third an error), then it stays running. `$` as the shell needs it. */
function printer(dollar: string): string {
  const d = dollar;
  return (
    `for i in 1 2 3 4 5 6; do lvl=info; [ ${d}((i % 3)) -eq 0 ] && lvl=error; ` +
    `echo "{\\"level\\":\\"${d}lvl\\",\\"n\\":${d}i,\\"msg\\":\\"line ${d}i\\"}"; sleep 1; done; sleep 600`
  );
}

/** The engine's time of each of the six lines (ms), read with the docker CLI once all are printed. */
async function lineTimes(berth: Berth, container: string): Promise<number[]> {
  let times: number[] = [];
  await expect
    .poll(
      async () => {
        const out = (await berth.docker(['logs', '--timestamps', container])).stdout;
        times = out
          .split('\n')
          .filter((l) => l.includes('"level"'))
          .map((l) => Date.parse(l.slice(0, l.indexOf(' '))));
        return times.length;
      },
      { timeout: 30_000 },
    )
    .toBe(6);
  return times;
}

/** A datetime-local value (whole seconds) for an instant, in the page's zone, as Chromium normalises it. */
function localValue(ms: number): string {
  const v = new Date(ms + ZONE_OFFSET_MS).toISOString().slice(0, 19);
  return v.endsWith(':00') ? v.slice(0, 16) : v;
}

/**
 * Picks the range holding lines `a`..`b` (1-based). Lines are at least a second apart, so the whole
 * second of line a starts after line a-1, and the second after line b's ends at or before line b+1.
 */
async function pickLines(page: Page, times: number[], a: number, b: number): Promise<void> {
  const from = Math.floor(times[a - 1]! / 1000) * 1000;
  const to = Math.floor(times[b - 1]! / 1000) * 1000 + 1000;
  await page.getByRole('button', { name: /^Time range:/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Time range' });
  await dialog.getByLabel('From').fill(localValue(from));
  await dialog.getByLabel('To').fill(localValue(to));
  await dialog.getByRole('button', { name: 'Show this range' }).click();
  await expect(dialog).toBeHidden();
}

async function expectLines(log: Locator, shown: number[]): Promise<void> {
  for (const n of shown) await expect(log).toContainText(`"msg":"line ${n}"`);
  for (const n of [1, 2, 3, 4, 5, 6].filter((x) => !shown.includes(x)))
    await expect(log).not.toContainText(`"msg":"line ${n}"`);
}

test.describe('logs over time', () => {
  const dir = mkdtempSync(join(tmpdir(), 'berth-e2e-logtime-'));
  const containers: string[] = [];
  const projects: { name: string; file: string }[] = [];
  test.afterAll(async ({ berth }) => {
    if (containers.length) await berth.docker(['rm', '-f', ...containers]);
    for (const p of projects) await compose(['-p', p.name, '-f', p.file, 'down']);
    rmSync(dir, { recursive: true, force: true });
  });

  test("a container's logs: a range shows only its lines and does not follow; level=error keeps only errors", async ({
    page,
    berth,
  }) => {
    const name = uniqueName('logtime');
    containers.push(name);
    const run = await berth.docker(['run', '-d', '--name', name, berth.busybox, 'sh', '-c', printer('$')]);
    expect(run.code, run.stderr).toBe(0);
    const times = await lineTimes(berth, name);

    await berth.open(page, `#/containers/${name}/logs`);
    const log = page.getByRole('log', { name: `Logs of ${name}` });
    await expectLines(log, [1, 2, 3, 4, 5, 6]);
    await expect(page.locator('.log-footer')).toContainText('following');

    await pickLines(page, times, 2, 4);
    await expectLines(log, [2, 3, 4]);
    await expect(page.locator('.log-footer')).toContainText('3 lines');
    await expect(page.locator('.log-footer')).toContainText('not following: the range ends at');

    await page.getByRole('combobox', { name: 'Filter by field' }).fill('level=error');
    await expectLines(log, [3]);
    await expect(page.getByRole('status').filter({ hasText: /^1 line$/ })).toBeVisible();

    // Back to live, the filter still applies to every line: the two errors.
    await page.getByRole('button', { name: 'Back to live' }).click();
    await expectLines(log, [3, 6]);
    await page.getByRole('combobox', { name: 'Filter by field' }).fill('');
    await expectLines(log, [1, 2, 3, 4, 5, 6]);
    await expect(page.locator('.log-footer')).toContainText('following');
    await expect(page.locator('.log-footer')).not.toContainText('not following');
  });

  test("a compose project's merged logs: the same range and field filter", async ({ page, berth }) => {
    const name = uniqueName('logtimep');
    const file = join(dir, `${name}.yml`);
    writeFileSync(
      file,
      `services:\n  app:\n    image: ${berth.busybox}\n    command: ["sh", "-c", ${JSON.stringify(printer('$$'))}]\n    stop_grace_period: 1s\n`,
    );
    projects.push({ name, file });
    const up = await compose(['-p', name, '-f', file, 'up', '-d']);
    expect(up.code, up.output).toBe(0);
    const times = await lineTimes(berth, `${name}_app_1`);

    await berth.open(page, `#/compose/${name}/logs`);
    const log = page.getByRole('log', { name: `Logs of project ${name}` });
    await expectLines(log, [1, 2, 3, 4, 5, 6]);
    await expect(log).toContainText(/app +\| \{"level":"info","n":1/);

    await pickLines(page, times, 3, 5);
    await expectLines(log, [3, 4, 5]);
    await expect(page.locator('.log-footer')).toContainText('not following: the range ends at');

    await page.getByRole('combobox', { name: 'Filter by field' }).fill('level=error');
    await expectLines(log, [3]);

    // A line shown formatted, its field made the filter.
    await log.getByRole('button', { name: /^Show line \d+ as formatted JSON$/ }).click();
    const detail = page.getByRole('region', { name: /^Line \d+ as JSON$/ });
    await expect(detail.locator('pre')).toContainText('"msg": "line 3"');
    await detail.getByRole('button', { name: 'n=3' }).click();
    await expect(page.getByRole('combobox', { name: 'Filter by field' })).toHaveValue('n=3');
    await expectLines(log, [3]);
  });
});
