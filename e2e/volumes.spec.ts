// The volumes screen against the real engine: create, browse with download, refuse removing one in
// use naming the container, remove, prune with its preview.
import { readFileSync } from 'node:fs';
import { expect, test, uniqueName } from './fixtures';

test.describe('volumes', () => {
  const volumes: string[] = [];
  const containers: string[] = [];
  test.afterAll(async ({ berth }) => {
    if (containers.length) await berth.docker(['rm', '-f', ...containers]);
    for (const v of volumes) await berth.docker(['volume', 'rm', '-f', v]);
  });

  test('create, browse and download, refuse while in use, then remove', async ({ page, berth }) => {
    const name = uniqueName('e2e-vol');
    volumes.push(name);
    await berth.open(page, '#/volumes');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    const create = page.getByRole('dialog', { name: 'Create a volume' });
    await create.getByLabel('Name').fill('bad name!');
    await create.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(create.getByRole('alert')).toContainText('A name uses only letters');
    await create.getByLabel('Name').fill(name);
    await create.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(create).toHaveCount(0);
    const row = page.getByRole('row', { name });
    await expect(row).toBeVisible();
    expect((await berth.docker(['volume', 'inspect', name])).code).toBe(0);

    // Put files in it through a container that keeps using it.
    const user = uniqueName('vol-user');
    containers.push(user);
    const r = await berth.docker([
      'run',
      '-d',
      '--name',
      user,
      '-v',
      `${name}:/data`,
      berth.busybox,
      'sh',
      '-c',
      'mkdir -p /data/notes && echo hello volume > /data/notes/hello.txt && sleep 600',
    ]);
    expect(r.code, r.stderr).toBe(0);
    await expect(row).toContainText(user);

    await row.getByRole('button', { name: 'Browse' }).click();
    const browse = page.getByRole('dialog', { name: `Files in volume ${name}` });
    await browse.getByRole('button', { name: 'notes/' }).click();
    const file = browse.getByRole('row', { name: 'hello.txt' });
    await expect(file).toBeVisible();
    const download = page.waitForEvent('download');
    await file.getByRole('button', { name: 'Download hello.txt' }).click();
    const d = await download;
    expect(d.suggestedFilename()).toBe('hello.txt');
    expect(readFileSync((await d.path())!, 'utf8')).toBe('hello volume\n');
    const tar = page.waitForEvent('download');
    await browse.getByRole('button', { name: 'Download this folder' }).click();
    expect((await tar).suggestedFilename()).toBe('notes.tar');
    await browse.getByRole('button', { name: 'Close' }).click();

    await row.getByRole('button', { name: 'Remove' }).click();
    let remove = page.getByRole('dialog', { name: `Remove volume ${name}?` });
    await expect(remove).toContainText(user);
    await remove.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(remove.getByRole('alert')).toContainText(`it is used by the container "${user}"`);
    await remove.getByRole('button', { name: 'Cancel' }).click();
    expect((await berth.docker(['volume', 'inspect', name])).code).toBe(0);

    await berth.docker(['rm', '-f', user]);
    await expect(row).toContainText('unused');
    await row.getByRole('button', { name: 'Remove' }).click();
    remove = page.getByRole('dialog', { name: `Remove volume ${name}?` });
    await remove.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(row).toHaveCount(0);
    expect((await berth.docker(['volume', 'inspect', name])).code).not.toBe(0);
  });

  test('prune lists the unused volumes first and removes only those', async ({ page, berth }) => {
    const unused = uniqueName('e2e-prune-me');
    const kept = uniqueName('e2e-keep-me');
    const user = uniqueName('keeper');
    volumes.push(unused, kept);
    containers.push(user);
    await berth.docker(['volume', 'create', unused]);
    await berth.docker(['volume', 'create', kept]);
    expect((await berth.docker(['create', '--name', user, '-v', `${kept}:/k`, berth.busybox, 'true'])).code).toBe(0);
    await berth.open(page, '#/volumes');
    await page.getByRole('button', { name: 'Prune', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Prune volumes' });
    const list = dialog.getByRole('list', { name: 'Volumes to remove' });
    await expect(list).toContainText(unused);
    await expect(list).not.toContainText(kept);
    const n = await list.getByRole('listitem').count();
    await dialog.getByRole('button', { name: `Remove ${n} volume${n === 1 ? '' : 's'}` }).click();
    await expect(dialog).toHaveCount(0);
    expect((await berth.docker(['volume', 'inspect', unused])).code).not.toBe(0);
    expect((await berth.docker(['volume', 'inspect', kept])).code).toBe(0);
  });
});
