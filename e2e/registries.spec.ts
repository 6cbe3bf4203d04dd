// Registries page end to end: its own `berth serve` on the shared private engine, with a docker
// config in a temp dir that uses a credential helper (never this machine's ~/.docker), and Debian's
// docker-registry with htpasswd auth on 127.0.0.1. Sign in (bad input, wrong password, right one),
// the docker CLI uses the sign-in, sign out with confirmation, and screenshots in both themes.
import { execFile, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { htpasswdLine, registryAvailable, startRegistry, type TestRegistry } from '../harness/registry';
import { skipBecause } from '../harness/skip';
import { writeCredentialHelper, type TestHelper } from '../app/engine/registry/test-support/credential-helper-script';
import { startBerthServe } from './berth-serve';
import { expect, test, uniqueName } from './fixtures';

const user = { username: 'e2e-user', password: 'E2e-secret-4410' };
const skipWhy =
  registryAvailable() ?? (htpasswdLine('u', 'p') ? undefined : 'htpasswd (apache2-utils) is not installed');
const skip = skipBecause(skipWhy && `the registries e2e needs a local registry: ${skipWhy}`);

let registry: TestRegistry;
let helper: TestHelper;
let tmp: string;
let serve: ChildProcess;
let url = '';
let env: NodeJS.ProcessEnv;

/** The docker CLI on the test engine with the spec's config and helper only. */
function cli(args: string[], input?: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      'docker',
      args,
      { env: { ...env, DOCKER_HOST: process.env.BERTH_ENGINE_HOST } },
      (err, stdout, stderr) =>
        resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out: `${stdout}${stderr}` }),
    );
    child.stdin!.end(input ?? '');
  });
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(process.env.BERTH_SCREENS_DIR ?? 'e2e/.results/screens', `${name}.png`) });
}

test.describe('registries', () => {
  test.skip(skip, skipWhy);

  test.beforeAll(async () => {
    registry = await startRegistry({ auth: user });
    helper = writeCredentialHelper('berthe2e');
    tmp = mkdtempSync(join(tmpdir(), 'berth-e2e-registries-'));
    mkdirSync(join(tmp, 'home'));
    mkdirSync(join(tmp, 'docker'));
    writeFileSync(join(tmp, 'docker', 'config.json'), JSON.stringify({ credsStore: helper.name }));
    env = {
      ...process.env,
      HOME: join(tmp, 'home'),
      DOCKER_CONFIG: join(tmp, 'docker'),
      BERTH_HOME: join(tmp, 'berth'),
      PATH: `${helper.dir}:${process.env.PATH}`,
      DOCKER_CLI_HINTS: 'false',
    };
    const started = await startBerthServe(['--engine-socket', process.env.BERTH_ENGINE_HOST!], env);
    serve = started.child;
    url = started.url;
  });

  test.afterAll(async () => {
    if (serve && serve.exitCode === null) {
      serve.removeAllListeners('exit');
      serve.kill('SIGTERM');
      await new Promise((r) => serve.once('exit', r));
    }
    await registry?.stop();
    helper?.cleanup();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  test('sign in with bad input, a wrong and a right password; the docker CLI uses it; sign out', async ({
    page,
    berth,
  }) => {
    const ref = `${registry.host}/${uniqueName('e2e/private')}:v1`;
    await page.goto(`${url}#/registries`);
    await expect(page.getByRole('heading', { name: 'Registries', level: 1 })).toBeVisible();
    const table = page.getByRole('table', { name: 'Registries' });
    await expect(table.getByRole('row', { name: 'Docker Hub' })).toContainText('not signed in');
    await expect(page.getByRole('note', { name: 'Where sign-ins are kept' })).toContainText(join(tmp, 'docker'));

    await page.getByRole('button', { name: 'Sign in…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign in to a registry' });
    await dialog.getByRole('textbox', { name: 'Registry', exact: true }).fill(`ftp://${registry.host}`);
    await dialog.getByLabel('User name').fill(user.username);
    await expect(dialog.getByRole('alert')).toHaveText(/Berth speaks to registries over https \(or http\), not ftp/);
    await dialog.getByRole('textbox', { name: 'Registry', exact: true }).fill(`http://${registry.host}/v2/`);
    await expect(dialog.getByRole('alert')).toHaveText(/without a path such as "\/v2\/"/);
    await dialog.getByRole('textbox', { name: 'Registry', exact: true }).fill(`http://${registry.host}`);
    await dialog.getByLabel('Password or access token').fill('wrong-password');
    await expect(dialog.getByRole('radio', { name: /Docker's credential helper \(berthe2e\)/ })).toBeChecked();
    await shoot(page, 'registries-sign-in-light');
    await dialog.getByRole('button', { name: 'Sign in' }).click();
    await expect(dialog.getByRole('alert')).toHaveText(
      `${registry.host} refused the user name or password. Check them and try again.`,
    );
    expect(helper.entries()).toEqual({});

    await dialog.getByLabel('Password or access token').fill(user.password);
    await dialog.getByRole('button', { name: 'Sign in' }).click();
    await expect(dialog).toBeHidden();
    const row = table.getByRole('row', { name: registry.host });
    await expect(row).toContainText(user.username);
    await expect(row).toContainText('Docker credential helper (berthe2e)');

    // The docker CLI, with the same config, pushes and pulls the private image with Berth's sign-in.
    await cli(['tag', berth.busybox, ref]);
    const pushed = await cli(['push', ref]);
    expect(pushed.out).toMatch(/digest: sha256:/);
    await cli(['rmi', ref]);
    expect((await cli(['pull', ref])).code).toBe(0);
    await cli(['rmi', ref]);

    for (const theme of ['light', 'dark']) {
      await page.evaluate(`localStorage.setItem('berth.theme', '${theme}')`);
      await page.reload();
      await expect(row).toContainText(user.username);
      await shoot(page, `registries-${theme}`);
    }
    await page.getByRole('button', { name: 'Sign in…' }).click();
    await shoot(page, 'registries-sign-in-dark');
    await page.keyboard.press('Escape');

    await row.getByRole('button', { name: `Sign out of ${registry.host}` }).click();
    const confirm = page.getByRole('dialog', { name: `Sign out of ${registry.host}?` });
    await expect(confirm).toContainText('docker-credential-berthe2e');
    await shoot(page, 'registries-sign-out-dark');
    await confirm.getByRole('button', { name: 'Sign out' }).click();
    await expect(confirm).toBeHidden();
    await expect(row).toBeHidden(); // a registry without any sign-in is no longer listed (Docker Hub always is)
    expect(helper.entries()).toEqual({});
    const denied = await cli(['pull', ref]);
    expect(denied.code).not.toBe(0);
    expect(denied.out).toMatch(/no basic auth credentials|unauthorized/);

    // A `docker login` in a terminal (same config) shows up in Berth.
    const login = await cli(['login', registry.host, '-u', user.username, '--password-stdin'], user.password);
    expect(login.out).toContain('Login Succeeded');
    await page.reload();
    await expect(row).toContainText(user.username);
    await expect(row).toContainText('Docker credential helper (berthe2e)');
    await cli(['logout', registry.host]);

    // A link from a refused pull opens Sign in for the image's registry.
    await page.goto(`${url}#/registries/sign-in/${encodeURIComponent(registry.host)}`);
    await expect(
      page
        .getByRole('dialog', { name: 'Sign in to a registry' })
        .getByRole('textbox', { name: 'Registry', exact: true }),
    ).toHaveValue(registry.host);
  });
});
