// Visits every screen in both themes, checks each renders its heading, and saves a screenshot
// to e2e/.results/screens/ for people to look at.
import { expect, runWebServer, test, uniqueName } from './fixtures';

const pages = [
  { route: '#/containers', heading: 'Containers' },
  { route: '#/images', heading: 'Images' },
  { route: '#/registries', heading: 'Registries' },
  { route: '#/volumes', heading: 'Volumes' },
  { route: '#/networks', heading: 'Networks' },
  { route: '#/compose', heading: 'Compose' },
  { route: '#/engine', heading: 'Engine' },
  { route: '#/settings', heading: 'Settings' },
];

test('every screen renders in the light and dark themes', async ({ page, berth }) => {
  const web = uniqueName('web');
  const names = [web, uniqueName('shop-api'), uniqueName('shop-db'), uniqueName('done')];
  await runWebServer(berth, web, ['-p', '127.0.0.1::80']);
  for (const [i, svc] of ['api', 'db'].entries())
    await berth.docker([
      'run',
      '-d',
      '--name',
      names[i + 1]!,
      '--label',
      'com.docker.compose.project=shop',
      '--label',
      `com.docker.compose.service=${svc}`,
      berth.busybox,
      'sh',
      '-c',
      `while :; do echo ${svc} says hello; sleep 1; done`,
    ]);
  await berth.docker(['run', '--name', names[3]!, berth.busybox, 'sh', '-c', 'echo bye; exit 3']);
  try {
    for (const theme of ['light', 'dark']) {
      await berth.open(page, '#/containers');
      // The theme is one of Berth's settings: choose it as a user would.
      await page.getByRole('combobox', { name: 'Theme' }).selectOption(theme);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      for (const p of pages) {
        await page.goto(berth.url.split('?')[0] + p.route);
        await expect(page.getByRole('heading', { name: p.heading, level: 1 })).toBeVisible();
        await page.waitForTimeout(400);
        await page.screenshot({ path: `e2e/.results/screens/${theme}-${p.route.slice(2)}.png` });
      }
      for (const tab of ['logs', 'terminal', 'stats', 'inspect', 'files', 'processes']) {
        await page.goto(`${berth.url.split('?')[0]}#/containers/${names[1]}/${tab}`);
        await expect(page.getByRole('tab', { name: new RegExp(tab, 'i') })).toHaveAttribute('aria-selected', 'true');
        await page.waitForTimeout(tab === 'stats' ? 2500 : 800);
        await page.screenshot({ path: `e2e/.results/screens/${theme}-detail-${tab}.png` });
      }
      await page.goto(berth.url.split('?')[0] + '#/containers/new');
      await expect(page.getByRole('dialog', { name: 'Run a container' })).toBeVisible();
      await page.screenshot({ path: `e2e/.results/screens/${theme}-run-dialog.png` });
    }
  } finally {
    await page
      .getByRole('combobox', { name: 'Theme' })
      .selectOption('system')
      .catch(() => undefined);
    await berth.docker(['rm', '-f', ...names]);
    await berth.docker(['volume', 'rm', `${web}-data`]);
  }
});
