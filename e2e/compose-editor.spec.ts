// Compose, file first, in Chromium against `berth serve`, the real engine and Debian's docker-compose:
// a project started from the CLI opened in the editor from its page, a broken edit shown at its line,
// the plan of an edit (recreate, remove, create), saved, brought up, a service restarted, and the
// project found again under Recent projects.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compose } from './compose-cli';
import { expect, test, uniqueName } from './fixtures';

function composeFile(image: string, port: number, extra = ''): string {
  return `services:
  web:
    image: ${image}
    command: ["httpd", "-f", "-p", "${port}"]
    stop_grace_period: 1s
${extra}`;
}

test.describe('compose editor', () => {
  const dir = mkdtempSync(join(tmpdir(), 'berth-e2e-cedit-'));
  const name = uniqueName('ced');
  const file = join(dir, 'compose.yml');
  test.afterAll(async () => {
    await compose(['-p', name, '-f', file, 'down', '--volumes']);
    rmSync(dir, { recursive: true, force: true });
  });

  test('edit, check, plan, save, up, restart a service, and reopen from recent projects', async ({ page, berth }) => {
    const worker = `  worker:\n    image: ${berth.busybox}\n    command: ["sleep", "600"]\n    stop_grace_period: 1s\n`;
    writeFileSync(file, composeFile(berth.busybox, 8080, worker));
    const up = await compose(['-p', name, '-f', file, 'up', '-d']);
    expect(up.code, up.output).toBe(0);

    await berth.open(page, '#/compose');
    await page.getByRole('row', { name: name }).getByRole('link', { name }).click();
    await page.getByRole('link', { name: 'Edit compose file' }).click();
    const editor = page.getByRole('textbox', { name: 'Compose file compose.yml' });
    await expect(editor).toHaveValue(composeFile(berth.busybox, 8080, worker));
    const check = page.getByRole('status', { name: 'Check' });
    await expect(check).toHaveText('Valid', { timeout: 20_000 });
    const plan = page.getByRole('table', { name: 'What up would change' });
    await expect(plan.getByRole('row', { name: 'web' })).toContainText('Unchanged');

    // A broken edit: the problem names its line and column, and choosing it puts the caret there.
    await editor.fill(composeFile(berth.busybox, 8080).replace('    command', '   command'));
    await expect(check).toHaveText('1 problem', { timeout: 20_000 });
    const problem = page.getByRole('list', { name: 'Problems' }).getByRole('button', { name: /Line 4, column 4/ });
    await expect(problem).toContainText('Not valid YAML');
    await problem.click();
    await expect(editor).toBeFocused();
    await expect(page.getByText('Line 4, column 4', { exact: true })).toBeVisible();

    // The real edit: web on another port, worker gone, cache new.
    const cache = `  cache:\n    image: ${berth.busybox}\n    command: ["sleep", "600"]\n    stop_grace_period: 1s\n`;
    const edited = composeFile(berth.busybox, 9090, cache);
    await editor.fill(edited);
    await expect(check).toHaveText('Valid', { timeout: 20_000 });
    await expect(plan.getByRole('row', { name: 'web' })).toContainText('Recreate');
    await expect(plan.getByRole('row', { name: 'worker' })).toContainText('Remove');
    await expect(plan.getByRole('row', { name: 'cache' })).toContainText('Create');
    expect(readFileSync(file, 'utf8')).toBe(composeFile(berth.busybox, 8080, worker)); // nothing saved yet

    await page.getByRole('button', { name: 'Save compose.yml' }).click();
    await expect(page.getByText('Unsaved')).toBeHidden();
    expect(readFileSync(file, 'utf8')).toBe(edited);

    await page.getByRole('button', { name: 'Up all services' }).click();
    const output = page.getByRole('region', { name: `Up ${name}` });
    await expect(output.getByRole('status')).toHaveText('finished', { timeout: 60_000 });
    await expect(plan.getByRole('row', { name: 'web' })).toContainText('Unchanged', { timeout: 20_000 });
    await expect(plan.getByRole('row', { name: 'cache' })).toContainText('Unchanged');
    await expect(plan.getByRole('row', { name: 'worker' })).toHaveCount(0);
    const ps = await berth.docker([
      'ps',
      '--format',
      '{{.Names}} {{.Command}}',
      '--filter',
      `label=com.docker.compose.project=${name}`,
    ]);
    expect(ps.stdout).toContain(`${name}_cache_1`);
    expect(ps.stdout).toContain('9090');
    expect(ps.stdout).not.toContain(`${name}_worker_1`);

    await plan.getByRole('button', { name: 'More actions for service web' }).click();
    await page.getByRole('menuitem', { name: 'Restart' }).click();
    await expect(page.getByRole('region', { name: `Restart web (${name})` }).getByRole('status')).toHaveText(
      'finished',
      { timeout: 30_000 },
    );

    await page.getByRole('link', { name: 'Back to compose projects' }).click();
    await page.getByRole('link', { name: `Open ${name} in the editor` }).click();
    await expect(editor).toHaveValue(edited);
  });
});
