// Runs like `docker run`, in Chromium against the real engine and a real local registry (Debian's
// docker-registry on 127.0.0.1): an image not on the engine is pulled with its progress in the run
// dialog, then run; the image's EXPOSEd ports are offered; a one-shot run that removes itself shows
// its output and exit code after the container is gone; the engine's refusal lands on its field.
import type { Page } from '@playwright/test';
import { expect, test, uniqueName, type Berth } from './fixtures';
import { localRegistry } from './local-registry';

test.describe('run like docker run', () => {
  const registry = localRegistry();
  const { noRegistry, skipWhy, images, containers } = registry;

  /** An image of its own (a commit of busybox with `changes`), tagged `ref`. */
  async function commitImage(berth: Berth, ref: string, changes: string[] = []): Promise<void> {
    const c = uniqueName('commit-src');
    expect((await berth.docker(['create', '--name', c, berth.busybox, 'true'])).code).toBe(0);
    const r = await berth.docker(['commit', ...changes.flatMap((x) => ['-c', x]), c, ref]);
    await berth.docker(['rm', '-f', c]);
    expect(r.code, r.stderr).toBe(0);
    images.push(ref);
  }

  async function openRun(page: Page, berth: Berth) {
    await berth.open(page, '#/containers');
    await page.getByRole('button', { name: 'Run a container' }).first().click();
    return page.getByRole('dialog', { name: 'Run a container' });
  }

  test('an image not on the engine is pulled with its progress in the dialog, then run', async ({ page, berth }) => {
    test.skip(noRegistry, skipWhy);
    const ref = `${registry.host}/e2e/${uniqueName('pullrun')}:v1`;
    await commitImage(berth, ref, [`LABEL made=${ref}`]);
    expect((await berth.docker(['push', ref])).code).toBe(0);
    expect((await berth.docker(['rmi', ref])).code).toBe(0);
    const name = uniqueName('pulled');
    containers.push(name);

    const dialog = await openRun(page, berth);
    await dialog.getByLabel('Image').fill(ref);
    await dialog.getByLabel('Name (optional)').fill(name);
    await dialog.getByLabel('Command (optional)').fill('sleep 300');
    const pulling = dialog.getByRole('region', { name: 'Pulling the image' });
    const seen = pulling.waitFor({ state: 'visible' });
    await dialog.getByRole('button', { name: 'Run' }).click();
    await seen;
    await expect(pulling).toContainText(`${ref} is not on this engine yet: pulling it, then the container starts`);
    // then it runs, and the page is the container's
    await expect(page).toHaveURL(/#\/containers\/[0-9a-f]{64}/, { timeout: 30000 });
    await expect(page.getByRole('heading', { name, exact: true })).toBeVisible();
    expect((await berth.docker(['inspect', '-f', '{{.State.Running}}', name])).stdout.trim()).toBe('true');
    await page.getByRole('button', { name: /^Tasks/ }).click();
    const task = page.getByRole('region', { name: 'Tasks' }).getByRole('listitem', { name: `Pull ${ref}` });
    await expect(task.getByText('done', { exact: true })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('region', { name: 'Tasks' })).toHaveCount(0);
  });

  test('a missing image the registry does not have either: the pull’s refusal at the image', async ({
    page,
    berth,
  }) => {
    test.skip(noRegistry, skipWhy);
    const ref = `${registry.host}/e2e/never-pushed:nope`;
    const dialog = await openRun(page, berth);
    await dialog.getByLabel('Image').fill(ref);
    await dialog.getByRole('button', { name: 'Run' }).click();
    await expect(dialog.locator('.field', { has: page.getByLabel('Image') }).getByRole('alert')).toContainText(
      'has no such image or tag',
      { timeout: 30000 },
    );
    await expect(dialog.getByRole('button', { name: 'Run' })).toBeEnabled();
  });

  test('offers the ports the image EXPOSEs', async ({ page, berth }) => {
    const ref = `${uniqueName('exposing')}:1`;
    await commitImage(berth, ref, ['EXPOSE 8080', 'EXPOSE 53/udp']);
    const dialog = await openRun(page, berth);
    await dialog.getByLabel('Image').fill(ref);
    const offer = dialog.getByRole('group', { name: 'Ports the image exposes' });
    await expect(offer).toContainText(`${ref} exposes 53/udp, 8080/tcp`);
    await offer.getByRole('button', { name: 'Publish 8080/tcp' }).click();
    await expect(dialog.getByLabel('Container port 1')).toHaveValue('8080');
    await expect(dialog.getByRole('alert')).toHaveCount(0);
  });

  test('a one-shot run that removes itself shows its output and exit code after the container is gone', async ({
    page,
    berth,
  }) => {
    const name = uniqueName('oneshot');
    const dialog = await openRun(page, berth);
    await dialog.getByLabel('Image').fill(berth.busybox);
    await dialog.getByLabel('Name (optional)').fill(name);
    await dialog.getByLabel('Command (optional)').fill(`sh -c 'echo hello from ${name}; echo oops >&2; exit 3'`);
    await dialog.getByRole('checkbox', { name: /Remove the container when it exits/ }).check();
    await dialog.getByRole('button', { name: 'Run' }).click();
    await expect(dialog.getByRole('status')).toHaveText('Exited with code 3; the container was removed', {
      timeout: 20000,
    });
    await expect(dialog.getByLabel('Output')).toContainText(`hello from ${name}`);
    await expect(dialog.getByLabel('Output')).toContainText('oops');
    expect((await berth.docker(['inspect', name])).code).not.toBe(0);
    // Run again: the same form
    await dialog.getByRole('button', { name: 'Run again' }).click();
    await expect(dialog.getByLabel('Name (optional)')).toHaveValue(name);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toHaveCount(0);
  });

  test('a command missing from the image is refused at Command, not at Image', async ({ page, berth }) => {
    const dialog = await openRun(page, berth);
    await dialog.getByLabel('Image').fill(berth.busybox);
    await dialog.getByLabel('Command (optional)').fill('no-such-command-here');
    await dialog.getByRole('button', { name: 'Run' }).click();
    await expect(
      dialog.locator('.field', { has: page.getByLabel('Command (optional)') }).getByRole('alert'),
    ).toContainText('the command does not exist in the image');
    await expect(dialog.locator('.field', { has: page.getByLabel('Image') }).getByRole('alert')).toHaveCount(0);
  });
});
