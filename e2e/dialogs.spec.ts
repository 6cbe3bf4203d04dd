// Dialogs keep Escape and focus in every state, in Chromium against the real engine: after the engine
// refused a name (focus had fallen to <body> while Create was busy), a filled form is not thrown away
// by a stray click outside, and a clean dialog closes on Escape and gives focus back.
import { expect, test, uniqueName } from './fixtures';

/** Whether focus is in a dialog (or on the dialog itself). */
const FOCUS_IN_DIALOG = `!!document.activeElement?.closest('[role="dialog"]')`;

test.describe('dialogs', () => {
  const volumes: string[] = [];
  test.afterAll(async ({ berth }) => {
    for (const v of volumes) await berth.docker(['volume', 'rm', '-f', v]);
  });

  test('create a volume whose name exists → Create → Escape still works, and asks before dropping the form', async ({
    page,
    berth,
  }) => {
    const name = uniqueName('taken');
    volumes.push(name);
    expect((await berth.docker(['volume', 'create', name])).code).toBe(0);
    await berth.open(page, '#/volumes');
    const opener = page.getByRole('button', { name: 'Create', exact: true });
    await opener.click();
    const dialog = page.getByRole('dialog', { name: 'Create a volume' });
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(dialog.getByRole('alert')).toContainText('already');
    // focus is in the dialog (or on the dialog itself), never lost to the page
    expect(await page.evaluate(FOCUS_IN_DIALOG)).toBe(true);
    await page.keyboard.press('Escape');
    await expect(dialog.getByRole('button', { name: 'Keep editing' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog.getByRole('button', { name: 'Keep editing' })).toHaveCount(0);
    await expect(dialog.getByLabel('Name')).toHaveValue(name);
    // Tab stays inside
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(FOCUS_IN_DIALOG)).toBe(true);
    }
    await page.keyboard.press('Escape');
    await dialog.getByRole('button', { name: 'Discard' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(opener).toBeFocused();
  });

  test('a stray click outside does not throw away a filled run form', async ({ page, berth }) => {
    await berth.open(page, '#/containers');
    await page.getByRole('button', { name: 'Run a container' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Run a container' });
    await dialog.getByLabel('Image').fill(berth.busybox);
    await dialog.getByLabel('Command (optional)').fill('sleep 1');
    await page.mouse.click(5, 5);
    await expect(dialog.getByRole('alert')).toContainText('Close and throw away what you entered?');
    await dialog.getByRole('button', { name: 'Keep editing' }).click();
    await expect(dialog.getByLabel('Command (optional)')).toHaveValue('sleep 1');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toHaveCount(0);
  });

  test('a clean dialog closes on Escape and on a click outside', async ({ page, berth }) => {
    await berth.open(page, '#/volumes');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Create a volume' });
    await expect(dialog.getByLabel('Name')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.mouse.click(5, 5);
    await expect(dialog).toHaveCount(0);
  });
});
