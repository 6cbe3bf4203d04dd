// Compose projects against the real engine and Debian's docker-compose: a two-service project
// brought up from its file path in the browser, listed with N of M running, stopped, its merged
// logs with service markers, brought down with its volumes; a project started from the CLI shows
// up without a reload; a broken file is refused with a sentence.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compose } from './compose-cli';
import { expect, test, uniqueName, type Berth } from './fixtures';

function composeFile(image: string): string {
  return `services:
  web:
    image: ${image}
    command: ["sh", "-c", "echo web ready; exec httpd -f -v -p 8080 -h /www"]
    ports:
      - "8080"
    stop_grace_period: 1s
  worker:
    image: ${image}
    command: ["sh", "-c", "i=0; while true; do i=$$((i+1)); echo worker tick $$i; sleep 1; done"]
    volumes:
      - data:/data
    stop_grace_period: 1s
volumes:
  data:
`;
}

async function volumes(berth: Berth): Promise<string[]> {
  return (await berth.docker(['volume', 'ls', '--format', '{{.Name}}'])).stdout.split('\n').filter(Boolean);
}

test.describe('compose', () => {
  const dir = mkdtempSync(join(tmpdir(), 'berth-e2e-compose-'));
  const projects: { name: string; file: string }[] = [];
  test.afterAll(async () => {
    for (const p of projects) await compose(['-p', p.name, '-f', p.file, 'down', '--volumes']);
    rmSync(dir, { recursive: true, force: true });
  });

  function project(prefix: string, content: string): { name: string; file: string } {
    const name = uniqueName(prefix);
    const file = join(dir, `${name}.yml`);
    writeFileSync(file, content);
    const p = { name, file };
    projects.push(p);
    return p;
  }

  test('up from a file path, N of M running, stop, merged logs with service markers, down with volumes', async ({
    page,
    berth,
  }) => {
    const p = project('cup', composeFile(berth.busybox));
    await berth.open(page, '#/compose');
    await page.getByLabel('Compose file path').fill(p.file);
    await page.getByLabel('Project name (optional)').fill(p.name);
    await page.getByRole('button', { name: 'Up', exact: true }).click();
    const output = page.getByRole('region', { name: `Up ${p.name}` });
    await expect(output.getByRole('status')).toHaveText('finished', { timeout: 30_000 });
    await expect(output).toContainText(`${p.name}_web_1`);

    const row = page.getByRole('row', { name: p.name });
    await expect(row).toContainText('2 of 2 running');
    await expect(row).toContainText('web, worker');
    await expect(row.getByRole('link', { name: /→8080/ })).toBeVisible();

    await row.getByRole('button', { name: `Stop project ${p.name}` }).click();
    await expect(row).toContainText('0 of 2 running', { timeout: 20_000 });
    expect((await berth.docker(['inspect', '-f', '{{.State.Status}}', `${p.name}_worker_1`])).stdout.trim()).toBe(
      'exited',
    );

    await row.getByRole('link', { name: p.name }).click();
    await expect(page.getByRole('heading', { level: 1, name: p.name })).toBeVisible();
    await expect(
      page.getByRole('table', { name: `Services of project ${p.name}` }).getByRole('row', { name: 'worker' }),
    ).toContainText('0 of 1 running');
    await page.getByRole('tab', { name: 'Logs' }).click();
    const log = page.getByRole('log', { name: `Logs of project ${p.name}` });
    await expect(log).toContainText(/worker +\| worker tick 1/);
    await expect(log).toContainText(/web +\| web ready/);
    // Only the web service.
    await page.getByRole('checkbox', { name: 'worker' }).uncheck();
    await expect(log).toContainText(/web +\| web ready/);
    await expect(log).not.toContainText('worker tick');
    await page.getByRole('checkbox', { name: 'worker' }).check();
    await expect(log).toContainText('worker tick');

    // Started again, the new runs join the open stream: two "web ready" lines now, in time order.
    await page.getByRole('button', { name: `Start project ${p.name}`, exact: true }).click();
    await expect(page.locator('.project-head-facts')).toContainText('2 of 2 running', { timeout: 20_000 });
    await page.getByRole('searchbox', { name: 'Search logs' }).fill('web ready');
    await expect(page.getByRole('status').filter({ hasText: /^(2 matches|\d of 2)$/ })).toBeVisible({
      timeout: 15_000,
    });
    await page.getByRole('searchbox', { name: 'Search logs' }).fill('');

    const before = await volumes(berth);
    expect(before).toContain(`${p.name}_data`);
    await page.getByRole('button', { name: `Down project ${p.name}` }).click();
    const dialog = page.getByRole('dialog', { name: `Bring down project ${p.name}?` });
    await dialog.getByRole('checkbox', { name: /Also delete the project.s volumes/ }).check();
    await dialog.getByRole('button', { name: 'Down and delete volumes' }).click();
    await expect(page.getByRole('heading', { name: 'Project not found' })).toBeVisible({ timeout: 30_000 });
    await expect.poll(() => volumes(berth)).not.toContain(`${p.name}_data`);
    expect(
      (await berth.docker(['ps', '-aq', '--filter', `label=com.docker.compose.project=${p.name}`])).stdout.trim(),
    ).toBe('');
  });

  test('a project started from the CLI appears without a reload', async ({ page, berth }) => {
    await berth.open(page, '#/compose');
    await expect(page.getByRole('heading', { name: 'Compose', level: 1 })).toBeVisible();
    const p = project('ccli', composeFile(berth.busybox));
    const up = await compose(['-p', p.name, '-f', p.file, 'up', '-d']);
    expect(up.code, up.output).toBe(0);
    await expect(page.getByRole('row', { name: p.name })).toContainText('2 of 2 running', { timeout: 20_000 });
  });

  test('a broken compose file is refused with a sentence naming the file and line', async ({ page, berth }) => {
    const p = project('cbad', `services:\n  web:\n    image: ${berth.busybox}\n   command: [a\n`);
    await berth.open(page, '#/compose');
    await page.getByLabel('Compose file path').fill(p.file);
    await page.getByRole('button', { name: 'Up', exact: true }).click();
    await expect(page.getByRole('alert')).toContainText(`the compose file ${p.file} at line 4`);
    await expect(page.getByRole('alert')).toContainText('is not valid YAML');
    await page.getByLabel('Compose file path').fill('compose.yml');
    await page.getByRole('button', { name: 'Up', exact: true }).click();
    await expect(page.getByRole('alert')).toContainText('The path must be absolute');
  });
});
