// The networks screen against the real engine: create with a subnet, connect and disconnect a
// container, Remove disabled with its reason for a built-in network, remove.
import { expect, test, uniqueName } from './fixtures';

test.describe('networks', () => {
  const networks: string[] = [];
  const containers: string[] = [];
  test.afterAll(async ({ berth }) => {
    if (containers.length) await berth.docker(['rm', '-f', ...containers]);
    for (const n of networks) await berth.docker(['network', 'rm', n]);
  });

  test('create, connect and disconnect a container, then remove', async ({ page, berth }) => {
    const name = uniqueName('e2e-net');
    networks.push(name);
    const c = uniqueName('net-user');
    containers.push(c);
    expect((await berth.docker(['run', '-d', '--name', c, berth.busybox, 'sleep', '600'])).code).toBe(0);
    await berth.open(page, '#/networks');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    const create = page.getByRole('dialog', { name: 'Create a network' });
    await create.getByLabel('Name').fill(name);
    await create.getByLabel('Subnet (optional)').fill('10.213.0.0/24');
    await create.getByLabel('Gateway (optional)').fill('10.214.0.1');
    await create.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(create.getByRole('alert')).toContainText('10.214.0.1');
    await create.getByLabel('Gateway (optional)').fill('10.213.0.1');
    await create.getByLabel('Internal (no access to outside networks)').check();
    await create.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(create).toHaveCount(0);
    const row = page.getByRole('row', { name });
    await expect(row).toContainText('10.213.0.0/24');
    await expect(row).toContainText('internal');
    const inspect = JSON.parse((await berth.docker(['network', 'inspect', name])).stdout)[0];
    expect(inspect.Internal).toBe(true);
    expect(inspect.IPAM.Config[0]).toMatchObject({ Subnet: '10.213.0.0/24', Gateway: '10.213.0.1' });

    await row.getByRole('button', { name: 'Connect' }).click();
    const dialog = page.getByRole('dialog', { name: `Containers on ${name}` });
    await dialog.getByLabel('Container to connect').selectOption(c);
    await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(dialog.getByRole('list', { name: 'Attached containers' })).toContainText(c);
    const attached = async () =>
      (await berth.docker(['inspect', '-f', `{{json .NetworkSettings.Networks}}`, c])).stdout;
    expect(await attached()).toContain(name);
    await dialog.getByRole('button', { name: `Disconnect ${c}` }).click();
    await expect(dialog.getByText('No container is attached.')).toBeVisible();
    expect(await attached()).not.toContain(name);
    await dialog.getByRole('button', { name: 'Close' }).click();

    await row.getByRole('button', { name: 'Remove' }).click();
    const remove = page.getByRole('dialog', { name: `Remove network ${name}?` });
    await remove.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(row).toHaveCount(0);
    expect((await berth.docker(['network', 'inspect', name])).code).not.toBe(0);
  });

  test('Remove is disabled for the built-in networks, with the reason', async ({ page, berth }) => {
    await berth.open(page, '#/networks');
    for (const name of ['bridge', 'host', 'none']) {
      const remove = page.getByRole('row', { name, exact: true }).getByRole('button', { name: 'Remove' });
      await expect(remove).toBeDisabled();
      await expect(remove).toHaveAttribute(
        'title',
        `The ${name} network is built into the engine and cannot be removed.`,
      );
    }
  });
});
