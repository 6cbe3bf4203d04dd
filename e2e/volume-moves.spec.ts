// Volume moves in Chromium on `berth serve` against the real engine: export a volume as .tar.gz,
// import it into a new volume (compared file by file by the CLI), upload files into it from Browse,
// clone it, and empty it only after its name was typed.
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, uniqueName } from './fixtures';

test.describe('volume moves', () => {
  const volumes: string[] = [];
  test.afterAll(async ({ berth }) => {
    for (const v of volumes) await berth.docker(['volume', 'rm', '-f', v]);
  });

  test('export, import, upload, clone and empty', async ({ page, berth }) => {
    test.setTimeout(120_000);
    const source = uniqueName('e2e-src');
    const restored = uniqueName('e2e-restored');
    const twin = `${restored}-copy`;
    volumes.push(source, restored, twin);
    expect((await berth.docker(['volume', 'create', source])).code).toBe(0);
    const fill = await berth.docker([
      'run',
      '--rm',
      '-v',
      `${source}:/v`,
      berth.busybox,
      'sh',
      '-c',
      'mkdir -p /v/notes && echo hello > /v/notes/a.txt && dd if=/dev/urandom of=/v/blob bs=1k count=300 2>/dev/null',
    ]);
    expect(fill.code, fill.stderr).toBe(0);
    const sums = async (v: string) =>
      (
        await berth.docker([
          'run',
          '--rm',
          '-v',
          `${v}:/v:ro`,
          berth.busybox,
          'sh',
          '-c',
          'cd /v && md5sum notes/a.txt blob',
        ])
      ).stdout;

    await berth.open(page, '#/volumes');
    const row = page.getByRole('row', { name: source });
    await row.getByRole('button', { name: 'Export' }).click();
    const exportDialog = page.getByRole('dialog', { name: `Export volume ${source}` });
    const download = page.waitForEvent('download');
    await exportDialog.getByRole('button', { name: 'Export' }).click();
    const d = await download;
    expect(d.suggestedFilename()).toBe(`${source}.tar.gz`);
    const archive = join(tmpdir(), `${source}.tar.gz`);
    writeFileSync(archive, readFileSync((await d.path())!));
    expect([...readFileSync(archive).subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    await expect(exportDialog.getByRole('status')).toContainText(`Saved ${source}.tar.gz`);
    await exportDialog.getByRole('button', { name: 'Close' }).last().click();

    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const importDialog = page.getByRole('dialog', { name: 'Import a volume' });
    await importDialog.getByLabel('Volume name').fill(restored);
    await importDialog.getByLabel('Archive').setInputFiles(archive);
    await importDialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(importDialog.getByRole('status')).toContainText(`into the new volume ${restored}`, {
      timeout: 30_000,
    });
    await importDialog.getByRole('button', { name: 'Close' }).last().click();
    expect(await sums(restored)).toBe(await sums(source));

    // importing again into the same, now full, volume is refused with a sentence
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const again = page.getByRole('dialog', { name: 'Import a volume' });
    await again.getByLabel('Volume name').fill(restored);
    await again.getByLabel('Archive').setInputFiles(archive);
    await again.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(again.getByRole('alert')).toContainText('already holds files');
    await again.getByRole('button', { name: 'Cancel' }).click();

    const restoredRow = page.getByRole('row', { name: restored, exact: true });
    await restoredRow.getByRole('button', { name: 'Browse' }).click();
    const browse = page.getByRole('dialog', { name: `Files in volume ${restored}` });
    await browse.getByRole('button', { name: 'notes/' }).click();
    await browse.getByLabel('Files to upload to /notes').setInputFiles([
      { name: 'b.txt', mimeType: 'text/plain', buffer: Buffer.from('uploaded b\n') },
      { name: 'c.txt', mimeType: 'text/plain', buffer: Buffer.from('uploaded c\n') },
    ]);
    await expect(browse.getByRole('status')).toContainText('Uploaded 2 files to /notes.');
    await expect(browse.getByRole('row', { name: 'b.txt' })).toBeVisible();
    await browse.getByRole('button', { name: 'Close' }).click();
    expect(
      (await berth.docker(['run', '--rm', '-v', `${restored}:/v:ro`, berth.busybox, 'cat', '/v/notes/c.txt'])).stdout,
    ).toBe('uploaded c\n');

    await restoredRow.getByRole('button', { name: 'Clone' }).click();
    const clone = page.getByRole('dialog', { name: `Clone volume ${restored}` });
    await clone.getByRole('button', { name: 'Clone', exact: true }).click();
    await expect(clone.getByRole('button', { name: 'Close' }).last()).toBeVisible({ timeout: 30_000 });
    await clone.getByRole('button', { name: 'Close' }).last().click();
    await expect(page.getByRole('row', { name: twin })).toBeVisible();
    expect(await sums(twin)).toBe(await sums(source));

    await page.getByRole('row', { name: twin }).getByRole('button', { name: 'Empty' }).click();
    const empty = page.getByRole('dialog', { name: `Empty volume ${twin}` });
    await expect(empty.getByRole('button', { name: 'Empty', exact: true })).toBeDisabled();
    await empty.getByLabel(`Type ${twin} to confirm`).fill(twin);
    await empty.getByRole('button', { name: 'Empty', exact: true }).click();
    await expect(empty.getByRole('status')).toContainText(`Every file in ${twin} was deleted`);
    expect((await berth.docker(['run', '--rm', '-v', `${twin}:/v:ro`, berth.busybox, 'ls', '-A', '/v'])).stdout).toBe(
      '',
    );
  });
});
