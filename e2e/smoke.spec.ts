// Proves the wiring: browser → berth serve → contract → engine, and engine events → live UI.
import { expect, test, uniqueName } from './fixtures';

test('the containers page lists a container started with the docker CLI, without a reload', async ({ page, berth }) => {
  await berth.open(page);
  await expect(page.getByRole('heading', { name: 'Containers', level: 1 })).toBeVisible();
  const name = uniqueName('smoke');
  const run = await berth.docker(['run', '-d', '--name', name, berth.busybox, 'sleep', '300']);
  expect(run.code, run.stderr).toBe(0);
  const row = page.getByRole('row', { name });
  await expect(row).toBeVisible();
  await expect(row.getByText('running', { exact: true })).toBeVisible();
  await berth.docker(['rm', '-f', name]);
  await expect(row).toHaveCount(0);
});
