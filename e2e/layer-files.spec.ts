// Image layer files in Chromium against the real engine: an image built on the busybox fixture with
// three RUN steps (add /one, overwrite /one, remove the fixture's /www/index.html). Files on each
// step lists exactly what its layer did, with sizes; the overwritten copy of /one and the removed
// file are the wasted space; the final tree has the new /one and no index.html.
import { expect, test, uniqueName } from './fixtures';

const MiB = 1024 * 1024;

test.describe('image layer files', () => {
  const ref = `${uniqueName('e2e/layer-files')}:three-runs`;

  test.beforeAll(async ({ berth }) => {
    const dockerfile = [
      `FROM ${berth.busybox}`,
      `RUN echo add && head -c ${MiB} /dev/urandom > /one`,
      `RUN echo overwrite && head -c ${MiB} /dev/urandom > /one`,
      'RUN echo remove && rm /www/index.html',
      '',
    ].join('\n');
    const r = await berth.docker(['build', '--no-cache', '-t', ref, '-'], dockerfile);
    expect(r.code, r.stderr).toBe(0);
  });
  test.afterAll(async ({ berth }) => {
    await berth.docker(['rmi', '-f', ref]);
  });

  test('layers of an image built with three RUN steps list the right files and sizes, and the wasted space', async ({
    page,
    berth,
  }) => {
    await berth.open(page, `#/images/${encodeURIComponent(ref)}`);
    const dialog = page.getByRole('dialog', { name: `Inspect ${ref}` });
    const layers = dialog.getByRole('table', { name: 'Layers' });
    const stepOf = async (word: string) => {
      const name = await layers.getByRole('row', { name: new RegExp(`echo ${word} &&`) }).getAttribute('aria-label');
      return Number(/^Step (\d+):/.exec(name ?? '')![1]);
    };
    const [add, overwrite, remove] = [await stepOf('add'), await stepOf('overwrite'), await stepOf('remove')];
    const cells = (row: ReturnType<typeof dialog.getByRole>) => row.getByRole('cell');
    /** Opens Files of `step`: one row, the file at `path`, whose other cells read `rest`. */
    const expectStepFile = async (step: number, path: string, rest: string[], timeout?: number) => {
      await dialog.getByRole('button', { name: `Files of step ${step}`, exact: true }).click();
      const table = dialog.getByRole('table', { name: `Files of step ${step}`, exact: true });
      await expect(table.getByRole('row')).toHaveCount(2, { timeout });
      await expect(cells(table.getByRole('row', { name: path, exact: true }))).toHaveText([path, ...rest]);
    };

    // the step that added /one: its copy is wasted by the next step
    await expectStepFile(add, '/one', ['added', '1.05 MB', `overwritten by step ${overwrite}`], 30000);

    // the step that overwrote it
    await expectStepFile(overwrite, '/one', ['changed', '1.05 MB', '—']);

    // the step that removed the fixture's file
    await expectStepFile(remove, '/www/index.html', ['removed', '23 B', '—']);
    await expect(dialog.getByText('0 added · 0 changed · 1 removed', { exact: false })).toBeVisible();

    // wasted space: the overwritten /one and the removed file
    await expect(dialog.getByText(/^1\.05 MB in 2 files: in the image, but overwritten or removed/)).toBeVisible();
    const wasted = dialog.getByRole('table', { name: 'Wasted files' });
    await expect(cells(wasted.getByRole('row', { name: `/one from step ${add}`, exact: true }))).toHaveText([
      '/one',
      '1.05 MB',
      `step ${add}`,
      `overwritten by step ${overwrite}`,
    ]);
    await expect(wasted.getByRole('row', { name: '/www/index.html from step 1', exact: true })).toBeVisible();

    // the final tree, by keyboard: /one from the overwriting step, /www open and empty
    const tree = dialog.getByRole('treegrid', { name: 'Final file tree' });
    await expect(tree.getByRole('row', { name: '/one', exact: true })).toContainText(`step ${overwrite}`);
    const www = tree.getByRole('row', { name: '/www', exact: true });
    await www.click();
    await expect(www).toHaveAttribute('aria-expanded', 'true');
    await www.press('ArrowLeft');
    await expect(www).toHaveAttribute('aria-expanded', 'false');
    await www.press('ArrowRight');
    await expect(www).toHaveAttribute('aria-expanded', 'true');
    await expect(tree.getByRole('row', { name: '/www/index.html' })).toHaveCount(0);
    await tree.getByRole('row', { name: '/bin', exact: true }).press('Enter');
    await expect(tree.getByRole('row', { name: '/bin/busybox', exact: true })).toBeVisible();
  });

  test('the layer files view renders in the light and dark themes at 1024×700 and 1440×900', async ({
    page,
    berth,
  }) => {
    try {
      for (const theme of ['light', 'dark']) {
        await berth.open(page, '#/containers');
        await page.getByRole('combobox', { name: 'Theme' }).selectOption(theme);
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
        await page.goto(`${berth.url.split('?')[0]}#/images/${encodeURIComponent(ref)}`);
        const dialog = page.getByRole('dialog', { name: `Inspect ${ref}` });
        const row = dialog.getByRole('table', { name: 'Layers' }).getByRole('row', { name: /echo overwrite &&/ });
        await row.getByRole('button', { name: /^Files of step/ }).click();
        const files = dialog.getByRole('table', { name: /^Files of step/ });
        await expect(files.getByRole('row', { name: '/one', exact: true })).toBeVisible({ timeout: 30000 });
        const tree = dialog.getByRole('treegrid', { name: 'Final file tree' });
        await tree.getByRole('row', { name: '/bin', exact: true }).click();
        await expect(tree.getByRole('row', { name: '/bin/busybox', exact: true })).toBeVisible();
        for (const [width, height] of [
          [1024, 700],
          [1440, 900],
        ] as const) {
          await page.setViewportSize({ width, height });
          await dialog.getByRole('heading', { name: /^Files of step/ }).scrollIntoViewIfNeeded();
          await page.screenshot({ path: `e2e/.results/screens/${theme}-layer-files-${width}.png` });
          await tree.scrollIntoViewIfNeeded();
          await page.screenshot({ path: `e2e/.results/screens/${theme}-layer-tree-${width}.png` });
        }
        // the base layer: hundreds of files, a filter over them
        await dialog.getByRole('button', { name: 'Files of step 1', exact: true }).click();
        await dialog.getByRole('searchbox', { name: 'Filter the files of step 1' }).fill('bin/s');
        await expect(
          dialog.getByRole('table', { name: 'Files of step 1' }).getByRole('row', { name: '/bin/sh', exact: true }),
        ).toBeVisible();
        await dialog.getByRole('heading', { name: /^Files of step/ }).scrollIntoViewIfNeeded();
        await page.screenshot({ path: `e2e/.results/screens/${theme}-layer-base-filtered.png` });
        await dialog.getByRole('button', { name: 'Close' }).click();
      }
    } finally {
      await berth.open(page, '#/containers').catch(() => undefined);
      await page
        .getByRole('combobox', { name: 'Theme' })
        .selectOption('system')
        .catch(() => undefined);
    }
  });
});
