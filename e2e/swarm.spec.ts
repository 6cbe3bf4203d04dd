// Swarm in Chromium against `berth serve` on a private engine in a network namespace of its own (the
// harness's swarm lab, one node): a swarm created from the Engine page with the address Berth
// suggests; a service created from the form, scaled, healed live when its task's container is
// killed, and updated with the rolling update's progress shown; a stack deployed from pasted compose
// text and removed; a secret created whose value never reaches the page again.
import { test as base, expect, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUSYBOX } from '../harness/fixtures';
import { startBerthServe, type ServeProcess } from '../harness/serve-process';
import { startSwarmLab, type SwarmLab } from '../harness/swarm-lab';

let lab: SwarmLab;
let serve: ServeProcess;
let home: string;

const test = base.extend<{ docker(args: string[], input?: string): Promise<{ stdout: string; code: number }> }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
  docker: async ({}, use) => use((args, input) => lab.nodes[0]!.engine.docker(args, input)),
});

async function open(page: Page, route: string) {
  await page.goto(serve.url + route);
  await expect(page.getByRole('link', { name: /Engine running/ })).toBeVisible();
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  lab = await startSwarmLab(1);
  home = mkdtempSync(join(tmpdir(), 'berth-e2e-swarm-home-'));
  serve = await startBerthServe(['--engine-socket', lab.nodes[0]!.engine.host], {
    ...process.env,
    BERTH_HOME: home,
    DOCKER_CONFIG: join(home, 'docker-config'),
  });
});

test.afterAll(async () => {
  test.setTimeout(120_000);
  await serve?.stop();
  await lab?.stop();
  if (home) rmSync(home, { recursive: true, force: true });
});

test('creates a swarm from the Engine page with the suggested address; join tokens hidden until shown', async ({
  page,
}) => {
  await open(page, '#/engine');
  const card = page.getByRole('region', { name: 'Swarm' });
  await expect(card).toContainText('This engine is not in a swarm.');
  await card.getByRole('button', { name: 'Create a swarm' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create a swarm' });
  await expect(dialog.getByRole('combobox', { name: 'Advertise address' })).toHaveValue(lab.nodes[0]!.addr);
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  await expect(card).toContainText('A manager of a swarm of 1 node (1 manager).');
  const worker = card.getByRole('group', { name: 'Worker join command' });
  await expect(worker).not.toContainText('SWMTKN');
  await worker.getByRole('button', { name: 'Show the worker join command' }).click();
  await expect(worker).toContainText(/docker swarm join --token SWMTKN-\S+ 192\.168\.\d+\.1:2377/);
});

test('a service from the form: scaled, healed live, updated with its progress shown', async ({ page, docker }) => {
  test.setTimeout(180_000);
  await open(page, '#/swarm/services');
  await page.getByRole('button', { name: 'Create service' }).click();
  const form = page.getByRole('dialog', { name: 'Create a service' });
  await form.getByRole('textbox', { name: 'Name' }).fill('web');
  await form.getByRole('combobox', { name: 'Image' }).fill(BUSYBOX);
  await form.getByRole('textbox', { name: 'Replicas' }).fill('-1');
  await form.getByRole('button', { name: 'Create' }).click();
  // refused at its field before the engine
  await expect(form.getByRole('alert')).toHaveText('Replicas is 0 or more.');
  await form.getByRole('textbox', { name: 'Replicas' }).fill('2');
  await form
    .getByRole('textbox', { name: 'Command (optional)' })
    .fill(`sh -c 'trap "exit 0" TERM; while true; do echo tick; sleep 1; done'`);
  await form.getByText('Rolling update', { exact: true }).click();
  await form.getByRole('textbox', { name: 'Delay between (s)' }).first().fill('2');
  await form.getByRole('textbox', { name: 'Watch each for (s)' }).first().fill('1');
  await form.getByRole('button', { name: 'Create' }).click();
  await expect(form).toBeHidden({ timeout: 30_000 });

  // the new service's page, its tasks running
  await expect(page.getByRole('heading', { name: 'web', level: 1 })).toBeVisible();
  const tasks = page.getByRole('table', { name: 'Tasks of web' });
  await expect(page.getByLabel('Task count')).toHaveText('2/2', { timeout: 60_000 });
  await expect(tasks.getByRole('row', { name: /^web\.1 / })).toContainText('running');

  // scale to 3
  await page.getByRole('button', { name: 'Scale', exact: true }).click();
  const scale = page.getByRole('dialog', { name: 'Scale web' });
  await scale.getByRole('textbox', { name: 'Replicas' }).fill('3');
  await scale.getByRole('button', { name: 'Scale' }).click();
  await expect(page.getByLabel('Task count')).toHaveText('3/3', { timeout: 60_000 });

  // self-healing: kill a task's container; the replacement task appears without a reload
  const id = (
    await docker(['ps', '-q', '--filter', 'label=com.docker.swarm.task.name', '--filter', 'name=web.2.'])
  ).stdout.trim();
  expect(id).not.toBe('');
  await docker(['kill', id]);
  await expect(tasks.getByRole('row', { name: /^web\.2 / })).toHaveCount(2, { timeout: 30_000 });
  await expect(page.getByLabel('Task count')).toHaveText('3/3', { timeout: 60_000 });

  // a rolling update: one task at a time, 2 s apart; the progress shows, then completes
  await page.getByRole('button', { name: 'Change', exact: true }).click();
  const change = page.getByRole('dialog', { name: 'Change service web' });
  await change.getByRole('textbox', { name: /Environment/ }).fill('GREETING=hello');
  await change.getByRole('button', { name: 'Update' }).click();
  await expect(change).toBeHidden({ timeout: 30_000 });
  const progress = page.getByRole('status', { name: 'Update progress' });
  await expect(progress).toContainText(/Rolling update: \d of 3 tasks on the new settings/, { timeout: 30_000 });
  await expect(progress).toHaveText('Rolling update completed', { timeout: 90_000 });
  await expect(tasks.getByRole('row').filter({ hasText: 'previous' }).first()).toBeVisible();
  const env = await docker(['service', 'inspect', 'web', '--format', '{{json .Spec.TaskTemplate.ContainerSpec.Env}}']);
  expect(env.stdout).toContain('GREETING=hello');
});

test('deploys a stack from pasted compose text, lists its services, removes it', async ({ page, docker }) => {
  test.setTimeout(120_000);
  await open(page, '#/swarm/stacks');
  await page.getByRole('button', { name: 'Deploy a stack' }).click();
  const dialog = page.getByRole('dialog', { name: 'Deploy a stack' });
  await dialog.getByRole('textbox', { name: 'Stack name' }).fill('shop');
  await dialog.getByRole('textbox', { name: 'Compose file' }).fill(
    `version: "3.8"
services:
  api:
    image: ${BUSYBOX}
    command: sh -c 'while true; do echo api; sleep 2; done'
    deploy: { replicas: 2 }
  cache:
    image: ${BUSYBOX}
    command: sleep 100000
`,
  );
  // no registry here: each node uses its own image
  await dialog.getByRole('checkbox', { name: /Ask the registry/ }).uncheck();
  await dialog.getByRole('button', { name: 'Deploy' }).click();
  const done = page.getByRole('dialog', { name: 'Deploy stack shop' });
  await expect(done).toContainText(/Creating service shop_api/, { timeout: 60_000 });
  await done.getByRole('button', { name: 'Done' }).click();

  const row = page.getByRole('row', { name: 'shop' });
  await expect(row).toContainText('3/3', { timeout: 60_000 });
  await row.getByRole('link', { name: 'shop' }).click();
  await expect(page.getByRole('row', { name: 'shop_api' })).toContainText('2/2');
  await expect(page.getByRole('row', { name: 'shop_cache' })).toContainText('1/1');

  await page.goto(serve.url + '#/swarm/stacks');
  await page.getByRole('row', { name: 'shop' }).getByRole('button', { name: 'Remove' }).click();
  const confirm = page.getByRole('dialog', { name: 'Remove stack shop?' });
  await confirm.getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByRole('row', { name: 'shop' })).toBeHidden({ timeout: 30_000 });
  expect((await docker(['service', 'ls', '--filter', 'label=com.docker.stack.namespace=shop', '-q'])).stdout).toBe('');
});

test('creates a secret from text; its value is never shown; it says which services use it', async ({
  page,
  docker,
}) => {
  await open(page, '#/swarm/secrets');
  await page.getByRole('button', { name: 'Create secret' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create a secret' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill('db-password');
  await dialog.getByRole('textbox', { name: 'Value' }).fill('correct horse battery');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByRole('row', { name: 'db-password' });
  await expect(row).toBeVisible();
  await expect(page.locator('body')).not.toContainText('correct horse');

  // used by a service: the row says so, live
  await docker(['service', 'update', '--detach', '--secret-add', 'db-password', 'web']);
  await expect(row).toContainText('web', { timeout: 30_000 });
  await expect(page.locator('body')).not.toContainText('correct horse');
});
