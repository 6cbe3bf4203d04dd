// The images screen against the real engine and a real local registry (Debian's docker-registry on
// 127.0.0.1): pull with layer progress, push, a missing image's sentence, build success and failure
// at a named step, remove vs refuse in use, prune preview then exactly the dangling images.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, uniqueName, type Berth } from './fixtures';
import { localRegistry } from './local-registry';

test.describe('images', () => {
  const registry = localRegistry();
  const { noRegistry, skipWhy, images, containers } = registry;
  const dirs: string[] = [];
  test.afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  /** A new image of its own id (a commit of a fresh container), tagged `ref`. */
  async function distinctImage(berth: Berth, ref: string): Promise<string> {
    const c = uniqueName('commit-src');
    expect((await berth.docker(['create', '--name', c, berth.busybox, 'true'])).code).toBe(0);
    const r = await berth.docker(['commit', '-c', `LABEL made=${c}`, c, ref]);
    await berth.docker(['rm', '-f', c]);
    expect(r.code, r.stderr).toBe(0);
    images.push(ref);
    return r.stdout.trim();
  }

  async function pull(page: Page, ref: string) {
    await page.getByRole('button', { name: 'Pull', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Pull an image' });
    await dialog.getByLabel('Image reference').fill(ref);
    await dialog.getByRole('button', { name: 'Pull', exact: true }).click();
    return dialog;
  }

  test('pulls from a local registry with per-layer progress, then pushes a tagged image to it', async ({
    page,
    berth,
  }) => {
    test.skip(noRegistry, skipWhy);
    const ref = `${registry.host}/e2e/${uniqueName('pulled')}:v1`;
    await distinctImage(berth, ref);
    expect((await berth.docker(['push', ref])).code).toBe(0);
    expect((await berth.docker(['rmi', ref])).code).toBe(0);

    await berth.open(page, '#/images');
    const dialog = await pull(page, ref);
    await expect(dialog.getByRole('list', { name: 'Layers' }).getByRole('listitem').first()).toBeVisible();
    await expect(dialog.getByRole('status').filter({ hasText: `Pulled ${ref}` })).toBeVisible({ timeout: 30000 });
    await expect(dialog.getByText('done', { exact: true })).toBeVisible();
    await dialog.getByRole('button', { name: 'Close' }).last().click();
    await expect(page.getByRole('row', { name: ref })).toBeVisible();

    // Tag it for another repository, then Push that reference.
    const pushed = `${registry.host}/e2e/${uniqueName('pushed')}:v2`;
    images.push(pushed);
    await page.getByRole('row', { name: ref }).getByRole('button', { name: 'Tag' }).click();
    const tag = page.getByRole('dialog', { name: `Tag ${ref}` });
    await tag.getByLabel('New reference').fill(pushed);
    await tag.getByRole('button', { name: 'Tag', exact: true }).click();
    await expect(tag).toHaveCount(0);
    await page.getByRole('searchbox', { name: 'Search images' }).fill(pushed);
    const row = page.getByRole('row', { name: pushed });
    await expect(row).toBeVisible();
    await row.getByRole('button', { name: 'Push' }).click();
    const push = page.getByRole('dialog', { name: `Push ${pushed}` });
    await push.getByRole('button', { name: 'Push', exact: true }).click();
    await expect(push.getByRole('status').filter({ hasText: `Pushed ${pushed}` })).toBeVisible({ timeout: 30000 });
    const repo = pushed.slice(registry.host.length + 1).split(':')[0];
    const tags = await fetch(`http://${registry.host}/v2/${repo}/tags/list`).then(
      (r) => r.json() as Promise<{ tags: string[] }>,
    );
    expect(tags.tags).toContain('v2');
  });

  test('a pull of a missing image ends with a sentence', async ({ page, berth }) => {
    test.skip(noRegistry, skipWhy);
    const missing = `${registry.host}/e2e/never-pushed:nope`;
    await berth.open(page, '#/images');
    const dialog = await pull(page, missing);
    await expect(dialog.getByRole('alert')).toHaveText(
      `Could not pull "${missing}": the registry (${registry.host}) has no such image or tag. Check the name and tag.`,
      {
        timeout: 20000,
      },
    );
    await expect(dialog.getByText('failed', { exact: true })).toBeVisible();
  });

  test('refuses a malformed reference before the engine', async ({ page, berth }) => {
    await berth.open(page, '#/images');
    const dialog = await pull(page, 'Not A Reference');
    await expect(dialog.getByRole('alert')).toContainText('An image reference looks like');
  });

  test('builds from a Dockerfile with a live log, and names the failing step', async ({ page, berth }) => {
    const ctx = mkdtempSync(join(tmpdir(), 'berth-e2e-build-'));
    dirs.push(ctx);
    writeFileSync(
      join(ctx, 'Dockerfile'),
      `FROM ${berth.busybox}\nARG GREETING\nRUN echo "$GREETING from the build" > /greeting\n`,
    );
    writeFileSync(
      join(ctx, 'Broken.dockerfile'),
      `FROM ${berth.busybox}\nRUN echo before\nRUN sh -c 'echo failing on purpose; exit 3'\n`,
    );
    const tag = `e2e-built-${uniqueName('b').toLowerCase()}:1`;
    images.push(tag);
    await berth.open(page, '#/images');
    await page.getByRole('button', { name: 'Build', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Build an image' });
    await dialog.getByLabel('Context folder').fill(ctx);
    await dialog.getByLabel('Tag (optional)').fill(tag);
    await dialog.getByLabel(/Build arguments/).fill('GREETING=hello');
    await dialog.getByRole('button', { name: 'Build', exact: true }).click();
    await expect(dialog.getByRole('status').filter({ hasText: `Built ${tag}` })).toBeVisible({ timeout: 60000 });
    await expect(dialog.getByLabel('Log')).toContainText('Step 3/3');
    const out = await berth.docker(['run', '--rm', tag, 'cat', '/greeting']);
    expect(out.stdout.trim()).toBe('hello from the build');

    await dialog.getByRole('button', { name: 'Edit and build again' }).click();
    await dialog.getByLabel('Dockerfile').fill('Broken.dockerfile');
    await dialog.getByLabel('Tag (optional)').fill('');
    await dialog.getByRole('button', { name: 'Build', exact: true }).click();
    await expect(dialog.getByRole('alert')).toContainText(
      "The build failed at step 3/3 (RUN sh -c 'echo failing on purpose; exit 3')",
      { timeout: 60000 },
    );
    await expect(dialog.getByLabel('Log')).toContainText('failing on purpose');
  });

  test('refuses a build whose context does not exist, next to the field', async ({ page, berth }) => {
    await berth.open(page, '#/images');
    await page.getByRole('button', { name: 'Build', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Build an image' });
    await dialog.getByLabel('Context folder').fill('/nonexistent/berth-e2e');
    await dialog.getByRole('button', { name: 'Build', exact: true }).click();
    await expect(dialog.getByText('The build context "/nonexistent/berth-e2e" does not exist.')).toBeVisible();
  });

  test('removes an unused image, and refuses an in-use one without force, naming the container', async ({
    page,
    berth,
  }) => {
    const unused = `e2e-unused-${uniqueName('u').toLowerCase()}:1`;
    const used = `e2e-used-${uniqueName('u').toLowerCase()}:1`;
    await distinctImage(berth, unused);
    await distinctImage(berth, used);
    const user = uniqueName('img-user');
    containers.push(user);
    expect((await berth.docker(['run', '-d', '--name', user, used, 'sleep', '600'])).code).toBe(0);
    await berth.open(page, '#/images');

    await page.getByRole('row', { name: unused }).getByRole('button', { name: 'Remove' }).click();
    let dialog = page.getByRole('dialog', { name: `Remove image ${unused}?` });
    await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(page.getByRole('row', { name: unused })).toHaveCount(0);
    expect((await berth.docker(['image', 'inspect', unused])).code).not.toBe(0);

    await page.getByRole('row', { name: used }).getByRole('button', { name: 'Remove' }).click();
    dialog = page.getByRole('dialog', { name: `Remove image ${used}?` });
    await expect(dialog).toContainText(user);
    await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(dialog.getByRole('alert')).toContainText(`it is used by the container "${user}"`);
    await expect(dialog.getByRole('button', { name: 'Remove with force' })).toBeVisible();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect((await berth.docker(['image', 'inspect', used])).code).toBe(0);
  });

  test('prune previews exactly the dangling images and the space, then removes only those', async ({ page, berth }) => {
    const keep = `e2e-keep-${uniqueName('k').toLowerCase()}:1`;
    await distinctImage(berth, keep);
    const dangling = `e2e-dangling-${uniqueName('d').toLowerCase()}:1`;
    const first = await distinctImage(berth, dangling);
    const second = await distinctImage(berth, dangling); // moves the tag: `first` is dangling now
    await distinctImage(berth, dangling); // and `second` too
    // Dangling = untagged and used by no container (a failed build's container may hold one).
    const ids = async (args: string[]) => (await berth.docker(args)).stdout.split('\n').filter(Boolean);
    const all = await ids(['ps', '-aq']);
    const used = new Set(all.length ? await ids(['inspect', '-f', '{{.Image}}', ...all]) : []);
    const expected = (await ids(['images', '-q', '--no-trunc', '-f', 'dangling=true'])).filter((id) => !used.has(id));
    expect(expected).toEqual(expect.arrayContaining([first, second]));
    const before = await ids(['images', '-q', '--no-trunc']);
    await berth.open(page, '#/images');
    await page.getByRole('combobox', { name: 'Show' }).selectOption('dangling');
    for (const id of [first, second])
      await expect(page.getByRole('row', { name: `<none> (${id.slice(7, 19)})` })).toBeVisible();
    await page.getByRole('button', { name: 'Prune', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Prune images' });
    const list = dialog.getByRole('list', { name: 'Images to remove' });
    await expect(list.getByRole('listitem')).toHaveCount(expected.length);
    for (const id of [first, second]) await expect(list).toContainText(id.replace('sha256:', '').slice(0, 12));
    await expect(dialog.getByRole('status')).toContainText(
      `${expected.length} image${expected.length === 1 ? '' : 's'} will be removed, freeing`,
    );
    await dialog
      .getByRole('button', { name: `Remove ${expected.length} image${expected.length === 1 ? '' : 's'}` })
      .click();
    await expect(dialog).toHaveCount(0);
    const after = await ids(['images', '-q', '--no-trunc']);
    expect(after.sort()).toEqual(before.filter((id) => !expected.includes(id)).sort());
    for (const id of [first, second])
      await expect(page.getByRole('row', { name: `<none> (${id.slice(7, 19)})` })).toHaveCount(0);
  });

  test('saves an image through the browser’s download and loads it back from a file the browser uploads', async ({
    page,
    berth,
  }) => {
    const ref = `e2e-saved-${uniqueName('s').toLowerCase()}:1`;
    await distinctImage(berth, ref);
    const dir = mkdtempSync(join(tmpdir(), 'berth-e2e-save-'));
    dirs.push(dir);
    await berth.open(page, '#/images');
    await page.getByRole('row', { name: ref }).getByRole('button', { name: 'Save' }).click();
    const save = page.getByRole('dialog', { name: `Save ${ref} to a tar file` });
    await expect(save.getByLabel('Tar file path')).toHaveCount(0); // no path on the server
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      save.getByRole('button', { name: 'Download', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${ref.replace(/[^\w.-]+/g, '_')}.tar`);
    const tar = join(dir, 'saved.tar');
    await download.saveAs(tar);
    expect(readFileSync(tar).includes(Buffer.from('manifest.json'))).toBe(true);
    await expect(save.getByRole('status')).toHaveText(/^Saved .* to your downloads\.$/);
    await save.getByRole('button', { name: 'Close' }).last().click();
    expect((await berth.docker(['rmi', ref])).code).toBe(0);
    await expect(page.getByRole('row', { name: ref })).toHaveCount(0);

    await page.getByRole('button', { name: 'Load', exact: true }).click();
    const load = page.getByRole('dialog', { name: 'Load images from a tar file' });
    const junk = join(dir, 'junk.tar');
    writeFileSync(junk, 'not an image archive');
    await load.getByLabel('Tar file').setInputFiles(junk);
    await load.getByRole('button', { name: 'Load', exact: true }).click();
    await expect(load.getByRole('alert')).toContainText('Could not load the uploaded images');
    await load.getByLabel('Tar file').setInputFiles(tar);
    await load.getByRole('button', { name: 'Load', exact: true }).click();
    await expect(load.getByRole('status').filter({ hasText: `Loaded ${ref}` })).toBeVisible({ timeout: 30000 });
    await load.getByRole('button', { name: 'Close' }).last().click();
    await expect(page.getByRole('row', { name: ref })).toBeVisible();
  });

  test('a link to an image opens its Inspect with its layers; closing returns to the list', async ({ page, berth }) => {
    await berth.open(page, `#/images/${encodeURIComponent(berth.busybox)}`);
    const dialog = page.getByRole('dialog', { name: `Inspect ${berth.busybox}` });
    await expect(dialog.getByRole('table', { name: 'Layers' }).getByRole('row')).not.toHaveCount(0);
    await expect(dialog.getByLabel('Inspect JSON')).toContainText('"RootFS"');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(page).toHaveURL(/#\/images$/);
  });
});
