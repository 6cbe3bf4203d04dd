// @vitest-environment happy-dom
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ComposeCheck, ComposeOpened } from '../../../../../shared/contract/areas/compose-files';
import { useUi } from '../../../app/ui-store';
import { renderWithClient } from '../../../test/scripted-client';
import { useComposeUi } from '../compose-store';
import { ComposeEditorPage } from './ComposeEditorPage';
import { useDrafts } from './drafts';

const FILE = '/srv/shop/compose.yml';
const TEXT = 'services:\n  web:\n    image: busybox\n    command: ["httpd", "-f"]\n';
const opened: ComposeOpened = {
  project: 'shop',
  workingDir: '/srv/shop',
  files: [{ path: FILE, text: TEXT, version: '10:1' }],
};
const valid = (over: Partial<ComposeCheck> = {}): ComposeCheck => ({
  valid: true,
  problems: [],
  warnings: [],
  changes: [
    {
      service: 'web',
      change: 'recreate',
      reason: 'Its configuration changed.',
      hash: 'b',
      runningHashes: ['a'],
      containers: 1,
      running: 1,
    },
    {
      service: 'old',
      change: 'remove',
      reason: 'Not in the file any more.',
      runningHashes: ['c'],
      containers: 1,
      running: 1,
    },
  ],
  method: 'Hashes compared.',
  cli: 'docker-compose 1.29.2',
  ...over,
});

function requests(t: ReturnType<typeof renderWithClient>, method: string) {
  return t.sent.filter((r) => r.method === method).map((r) => r.args as Record<string, unknown>);
}

async function mount() {
  const t = renderWithClient(<ComposeEditorPage project="shop" files={[FILE]} />);
  await act(async () => t.reply('compose.open', opened));
  const box = await screen.findByRole('textbox', { name: 'Compose file compose.yml' });
  await waitFor(() => expect(requests(t, 'compose.check')).toHaveLength(1), { timeout: 3000 });
  return { t, box };
}

afterEach(() => {
  cleanup();
  useDrafts.setState({ drafts: {} });
  useComposeUi.setState({ lastTaskId: undefined });
  useUi.setState({ toasts: [] });
});

describe('ComposeEditorPage', () => {
  it('opens the file, checks it as it is, and takes the user to a problem at its line and column', async () => {
    const { t, box } = await mount();
    expect(box).toHaveProperty('value', TEXT);
    expect(requests(t, 'compose.open')[0]).toEqual({ project: 'shop', files: [FILE] });
    expect(requests(t, 'compose.check')[0]).toEqual({ project: 'shop', files: [FILE], edits: [] });
    await act(async () =>
      t.reply('compose.check', {
        ...valid({ valid: false, changes: [] }),
        problems: [
          { file: FILE, line: 4, column: 5, message: "Unsupported config option for services.web: 'comand'." },
        ],
      }),
    );
    expect(screen.getByRole('status', { name: 'Check' }).textContent).toContain('1 problem');
    const problem = within(screen.getByRole('list', { name: 'Problems' })).getByRole('button', {
      name: /Line 4, column 5: Unsupported config option/,
    });
    await userEvent.click(problem);
    const area = box as HTMLTextAreaElement;
    expect(area.selectionStart).toBe(TEXT.indexOf('command') /* line 4, column 5 */);
    expect(screen.getByText('Fix the problems to see what up would change.')).toBeTruthy();
  });

  it('checks the edited text, shows the plan per service, and saves only when asked', async () => {
    const { t, box } = await mount();
    await act(async () => t.reply('compose.check', valid({ changes: [] })));
    expect(screen.getByRole('button', { name: 'Save compose.yml' })).toHaveProperty('disabled', true);

    await userEvent.type(box, '    ports: [["80"]\n'); // "[[" types one "["

    expect(screen.getByText('Unsaved')).toBeTruthy();
    await waitFor(() => expect(requests(t, 'compose.check')).toHaveLength(2), { timeout: 3000 });
    const edited = `${TEXT}    ports: ["80"]\n`;
    expect(requests(t, 'compose.check')[1]).toEqual({
      project: 'shop',
      files: [FILE],
      edits: [{ file: FILE, text: edited }],
    });
    expect(t.sent.some((r) => r.method === 'compose.save')).toBe(false);
    await act(async () => t.reply('compose.check', valid()));

    const plan = screen.getByRole('table', { name: 'What up would change' });
    expect(within(plan).getByRole('row', { name: 'web' }).textContent).toContain('Recreate');
    expect(within(plan).getByRole('row', { name: 'old' }).textContent).toContain('Remove');
    expect(screen.getByRole('status', { name: 'Check' }).textContent).toContain('Valid');
    expect(screen.getByText('1 to recreate, 1 to remove')).toBeTruthy();
    expect(screen.getByRole('note').textContent).toContain('These use the saved file');

    await userEvent.click(screen.getByRole('button', { name: 'Save compose.yml' }));
    expect(requests(t, 'compose.save')[0]).toEqual({ file: FILE, text: edited, version: '10:1' });
    await act(async () => t.reply('compose.save', { version: '20:2' }));
    await waitFor(() => expect(screen.queryByText('Unsaved')).toBeNull());
    expect(screen.queryByRole('note')).toBeNull();
  });

  it('says why a save was refused and keeps the edit', async () => {
    const { t, box } = await mount();
    await act(async () => t.reply('compose.check', valid({ changes: [] })));
    await userEvent.type(box, '# mine\n');
    await userEvent.click(screen.getByRole('button', { name: 'Save compose.yml' }));
    const why = `Not saved: ${FILE} changed on disk after it was opened (another program wrote it). Copy your changes, reopen the file, and apply them again.`;
    await act(async () => t.fail('compose.save', { kind: 'conflict', message: why }));
    expect(screen.getByRole('alert').textContent).toContain(why);
    expect(box).toHaveProperty('value', `${TEXT}# mine\n`);
    expect(screen.getByText('Unsaved')).toBeTruthy();
  });

  it('runs a verb for one service, and confirms before removing a service or bringing all down', async () => {
    const { t } = await mount();
    await act(async () => t.reply('compose.check', valid()));
    await userEvent.click(screen.getByRole('button', { name: 'Up service web' }));
    expect(requests(t, 'compose.run')[0]).toEqual({ project: 'shop', files: [FILE], verb: 'up', service: 'web' });
    await act(async () =>
      t.reply('compose.run', {
        id: 't1',
        kind: 'compose',
        title: 'Up web (shop)',
        state: 'running',
        progress: {},
        started: 1,
      }),
    );
    expect(useComposeUi.getState().lastTaskId).toBe('t1');

    await userEvent.click(screen.getByRole('button', { name: 'More actions for service old' }));
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Remove containers…' }));
    const dialog = screen.getByRole('dialog', { name: 'Remove the containers of service old?' });
    expect(requests(t, 'compose.run')).toHaveLength(1);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Remove' }));
    expect(requests(t, 'compose.run')[1]).toEqual({ project: 'shop', files: [FILE], verb: 'down', service: 'old' });
    await act(async () =>
      t.fail('compose.run', { kind: 'not-found', message: 'Project "shop" has no service "old".' }),
    );
    expect(screen.getByRole('alert').textContent).toContain('Project "shop" has no service "old".');

    await userEvent.click(screen.getByRole('button', { name: 'Down all services' }));
    const down = screen.getByRole('dialog', { name: 'Bring down project shop?' });
    await userEvent.click(within(down).getByRole('checkbox', { name: /Also delete the project.s volumes/ }));
    await userEvent.click(within(down).getByRole('button', { name: 'Down and delete volumes' }));
    expect(requests(t, 'compose.run')[2]).toEqual({ project: 'shop', files: [FILE], verb: 'down', volumes: true });
  });

  it('says so when the file cannot be opened', async () => {
    const t = renderWithClient(<ComposeEditorPage project="shop" files={['/etc/passwd']} />);
    const why = '/etc/passwd is not a compose file: it has no top-level "services:" section.';
    await act(async () => t.fail('compose.open', { kind: 'invalid', message: why }));
    expect(screen.getByRole('heading', { name: 'Could not open shop' })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain(why);
  });
});
