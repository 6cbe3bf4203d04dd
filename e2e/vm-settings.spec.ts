// Berth's VM settings in the UI, on the shared `berth serve`: they show their defaults, refuse a bad
// value before sending, save and survive a reload, and are put back to the defaults at the end (every
// spec shares that server's settings). The engines table's VM row is in engine.spec.ts, which runs a
// Berth of its own that is not fixed to one engine.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const defaults = {
  CPUs: '2',
  'Memory (GiB)': '4',
  'Disk (GiB)': '60',
  'Stop the VM after idle minutes (0 = never)': '5',
};
type FieldName = keyof typeof defaults;
const fieldNames = Object.keys(defaults) as FieldName[];

const vmSection = (page: Page) => page.getByRole('region', { name: "Berth's VM", exact: true });
const vmField = (section: Locator, name: FieldName) => section.getByRole('spinbutton', { name, exact: true });

/** Puts the shared server's VM settings back to the defaults through the settings page. */
async function restoreDefaults(page: Page, url: string): Promise<void> {
  await page.goto(url + '#/settings');
  const section = vmSection(page);
  await expect(vmField(section, 'CPUs')).toBeVisible();
  for (const name of fieldNames) await vmField(section, name).fill(defaults[name]);
  const save = section.getByRole('button', { name: 'Save VM settings', exact: true });
  if (await save.isEnabled()) {
    await save.click();
    await expect(page.getByText('Saved the VM settings: 2 CPUs, 4 GiB memory, 60 GiB disk')).toBeVisible();
  }
  await page.reload();
  for (const name of fieldNames) await expect(vmField(vmSection(page), name)).toHaveValue(defaults[name]);
}

test.describe("Berth's VM settings on the shared server", () => {
  test.afterAll(async ({ browser }) => {
    const page = await browser.newPage();
    try {
      await restoreDefaults(page, process.env.BERTH_URL!);
    } finally {
      await page.close();
    }
  });

  test('show the defaults, refuse a bad value before sending, save and survive a reload', async ({ page, berth }) => {
    await berth.open(page, '#/settings');
    const section = vmSection(page);
    await expect(section.getByRole('heading', { name: "Berth's VM", exact: true })).toBeVisible();
    await expect(section).toContainText('take effect when the VM restarts');
    await expect(section).toContainText('the isolated VM on Linux');
    for (const name of fieldNames) await expect(vmField(section, name)).toHaveValue(defaults[name]);
    const save = section.getByRole('button', { name: 'Save VM settings', exact: true });
    await expect(save).toBeDisabled(); // nothing changed yet

    // 0 CPUs: the contract's sentence under the field, and nothing is sent.
    await vmField(section, 'CPUs').fill('0');
    await expect(section.getByText('At least 1 CPU.', { exact: true })).toBeVisible();
    await expect(vmField(section, 'CPUs')).toHaveAttribute('aria-invalid', 'true');
    await save.click();
    await expect(vmField(section, 'CPUs')).toBeFocused();
    await expect(page.getByText(/Saved the VM settings/)).toHaveCount(0);
    await page.reload();
    await expect(vmField(vmSection(page), 'CPUs')).toHaveValue('2');

    // 3 CPUs and 10 idle minutes: saved, said so, and still there after a reload.
    await vmField(vmSection(page), 'CPUs').fill('3');
    await vmField(vmSection(page), 'Stop the VM after idle minutes (0 = never)').fill('10');
    await expect(vmSection(page).getByText('At least 1 CPU.')).toHaveCount(0);
    await vmSection(page).getByRole('button', { name: 'Save VM settings', exact: true }).click();
    await expect(
      page.getByText('Saved the VM settings: 3 CPUs, 4 GiB memory, 60 GiB disk, stops after 10 idle minutes.'),
    ).toBeVisible();
    await page.reload();
    const after = vmSection(page);
    await expect(vmField(after, 'CPUs')).toHaveValue('3');
    await expect(vmField(after, 'Stop the VM after idle minutes (0 = never)')).toHaveValue('10');
    await expect(vmField(after, 'Memory (GiB)')).toHaveValue('4');
    await expect(vmField(after, 'Disk (GiB)')).toHaveValue('60');

    await restoreDefaults(page, berth.url);
  });
});
