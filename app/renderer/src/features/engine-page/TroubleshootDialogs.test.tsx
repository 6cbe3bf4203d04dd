// @vitest-environment happy-dom
// The Troubleshoot dialogs against a scripted transport (the engine side is in
// app/main/troubleshoot/troubleshoot.int.test.ts): the statement says what goes, nothing is sent
// before the explicit action, and the statement's token goes with it.
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithClient } from '../../test/scripted-client';
import { PurgeDialog, ResetDialog } from './TroubleshootDialogs';

afterEach(cleanup);

const preview = {
  offered: true,
  engine: "Berth's engine (dockerd)",
  dataRoot: '/home/me/.local/share/berth/engine/data-root',
  containers: { count: 2, running: 1, size: 1000 },
  images: { count: 1, size: 5_000_000 },
  volumes: { count: 3, size: 2_000_000 },
  buildCache: { count: 0, size: 0 },
  onDisk: 9_000_000,
  kept: ["The engine's settings (daemon.json) and its log are kept."],
  token: 'tok-1',
};

describe('PurgeDialog', () => {
  it('states the counts, sizes and folder, and sends nothing until the word is typed', async () => {
    const r = renderWithClient(<PurgeDialog onClose={() => {}} />);
    await waitFor(() => expect(r.sent.map((f) => f.method)).toEqual(['troubleshoot.purgePreview']));
    r.reply('troubleshoot.purgePreview', preview);
    const statement = await screen.findByRole('region', { name: 'What will be deleted' });
    expect(statement.textContent).toContain('deletes everything in /home/me/.local/share/berth/engine/data-root');
    expect(statement.textContent).toContain('2 containers (1 running, stopped first)');
    expect(statement.textContent).toContain('1 image (5');
    expect(statement.textContent).toContain('3 volumes with all their files (2');
    expect(statement.textContent).toContain('0 build cache entries');
    expect(statement.textContent).toMatch(/In all 9(\.0)? MB on disk/);
    const purge = screen.getByRole('button', { name: 'Purge' }) as HTMLButtonElement;
    expect(purge.disabled).toBe(true);
    await userEvent.type(screen.getByLabelText('Type purge to confirm'), 'purg');
    expect(purge.disabled).toBe(true);
    await userEvent.keyboard('{Enter}');
    expect(r.sent.map((f) => f.method)).toEqual(['troubleshoot.purgePreview']);
    await userEvent.type(screen.getByLabelText('Type purge to confirm'), 'e');
    await userEvent.click(purge);
    await waitFor(() => expect(r.sent.map((f) => f.method)).toContain('troubleshoot.purge'));
    expect(r.sent.find((f) => f.method === 'troubleshoot.purge')!.args).toEqual({ token: 'tok-1', confirm: 'purge' });
  });

  it('says why a purge is not offered for this engine, with no way to start one', async () => {
    const r = renderWithClient(<PurgeDialog onClose={() => {}} />);
    await waitFor(() => expect(r.sent).toHaveLength(1));
    r.reply('troubleshoot.purgePreview', { offered: false, reason: 'Engine at unix:///x is not run by Berth.' });
    expect((await screen.findByRole('status')).textContent).toBe('Engine at unix:///x is not run by Berth.');
    expect(screen.queryByRole('button', { name: 'Purge' })).toBeNull();
  });

  it('shows a refused purge (the engine changed) as its sentence', async () => {
    const r = renderWithClient(<PurgeDialog onClose={() => {}} />);
    await waitFor(() => expect(r.sent).toHaveLength(1));
    r.reply('troubleshoot.purgePreview', preview);
    await userEvent.type(await screen.findByLabelText('Type purge to confirm'), 'purge');
    await userEvent.click(screen.getByRole('button', { name: 'Purge' }));
    await waitFor(() => expect(r.sent).toHaveLength(2));
    r.fail('troubleshoot.purge', {
      kind: 'conflict',
      message: 'The engine holds something else. Nothing was deleted.',
    });
    expect(await screen.findByText(/Nothing was deleted/)).toBeTruthy();
  });
});

describe('ResetDialog', () => {
  it('lists each setting with its value now and its default, and resets only on the button', async () => {
    let closed = false;
    const r = renderWithClient(<ResetDialog onClose={() => (closed = true)} />);
    await waitFor(() => expect(r.sent).toHaveLength(1));
    r.reply('troubleshoot.resetPreview', {
      changes: [{ path: 'theme', label: 'Theme', current: 'dark', default: 'system' }],
      kept: ['The engine and everything in it are kept.'],
      file: '/home/me/.config/berth/settings.json',
      token: 'set-1',
    });
    const row = await screen.findByRole('row', { name: 'Theme' });
    expect(row.textContent).toBe('Themedarksystem');
    expect(screen.getByText(/The engine and everything in it are kept/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(closed).toBe(true);
    expect(r.sent.map((f) => f.method)).toEqual(['troubleshoot.resetPreview']);
    await userEvent.click(screen.getByRole('button', { name: 'Reset 1 setting' }));
    await waitFor(() => expect(r.sent.map((f) => f.method)).toContain('troubleshoot.reset'));
    expect(r.sent.find((f) => f.method === 'troubleshoot.reset')!.args).toEqual({ token: 'set-1' });
  });

  it('says when nothing would change, and offers no reset', async () => {
    const r = renderWithClient(<ResetDialog onClose={() => {}} />);
    await waitFor(() => expect(r.sent).toHaveLength(1));
    r.reply('troubleshoot.resetPreview', { changes: [], kept: [], file: '/f', token: 't' });
    expect((await screen.findByRole('status')).textContent).toMatch(/a reset would change nothing/);
    expect((screen.getByRole('button', { name: 'Reset' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
