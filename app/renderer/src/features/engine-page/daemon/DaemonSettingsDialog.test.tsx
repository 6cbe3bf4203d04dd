// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ServerFrame } from '../../../../../shared/contract';
import type { DaemonConfigCheck, DaemonConfigView } from '../../../../../shared/contract/areas/engine-config';
import { renderWithClient } from '../../../test/scripted-client';
import { DaemonSettingsDialog } from './DaemonSettingsDialog';

const view: DaemonConfigView = {
  managed: true,
  text: '{}\n',
  version: 'v1',
  path: '/home/me/.local/share/berth/engine/daemon.json',
  berthKeys: [{ key: 'data-root', flag: '--data-root=/x' }],
  running: true,
};
const MIRRORED = '{\n  "registry-mirrors": ["https://mirror.example"]\n}\n';
const restart = {
  summary: 'The engine restarts and stops its 1 running container (each gets its stop timeout, 10 s unless set).',
  keepsRunning: false,
  containers: [{ name: 'web', restartPolicy: 'no', after: 'stays stopped' as const }],
};
const valid: DaemonConfigCheck = {
  valid: true,
  problems: [],
  warnings: [],
  changes: [{ key: 'registry-mirrors', change: 'added', after: '["https://mirror.example"]' }],
  restart,
};

function sentArgs(t: ReturnType<typeof renderWithClient>, method: string) {
  return t.sent.filter((r) => r.method === method).map((r) => r.args as Record<string, unknown>);
}

/**
 * Waits for the check of `text` (sent a moment after typing stops) and answers that request: an
 * earlier check, sent while typing was slow, stays unanswered as it would be cancelled.
 */
async function answerCheck(t: ReturnType<typeof renderWithClient>, text: string, result: DaemonConfigCheck) {
  await waitFor(() => expect(sentArgs(t, 'engine.config.check').at(-1)).toEqual({ text }), { timeout: 3000 });
  const req = t.sent.filter((r) => r.method === 'engine.config.check').at(-1)!;
  await act(async () => t.deliver({ t: 'res', id: req.id, ok: true, result } as ServerFrame));
}

afterEach(cleanup);

describe('DaemonSettingsDialog', () => {
  it('shows the problems of an invalid text at their line and offers no apply', async () => {
    const t = renderWithClient(<DaemonSettingsDialog view={view} onClose={() => {}} />);
    const box = screen.getByRole('textbox', { name: 'daemon.json' });
    expect(box).toHaveProperty('value', '{}\n');
    await answerCheck(t, '{}\n', { ...valid, changes: [] });
    expect(await screen.findByText('No setting changes: applying would not restart the engine.')).toBeTruthy();

    const bad = '{\n  "registry-mirrors": ["mirror.example"]\n}\n';
    fireEvent.change(box, { target: { value: bad } });
    const message =
      '"registry-mirrors[0]" is "mirror.example", not a URL: a mirror is an address like "https://mirror.gcr.io".';
    await answerCheck(t, bad, {
      ...valid,
      valid: false,
      problems: [{ key: 'registry-mirrors[0]', line: 2, column: 24, message }],
      changes: [],
    });
    const problems = screen.getByRole('list', { name: 'Problems' });
    expect(within(problems).getByRole('button').textContent).toBe(`ErrorLine 2, column 24: ${message}`);
    expect(screen.getByText('Fix the problem above to apply these settings.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Apply and restart…' })).toHaveProperty('disabled', true);
    await userEvent.click(within(problems).getByRole('button'));
    expect(document.activeElement).toBe(box);
  });

  it('previews the changes and the restart, confirms, and applies the text with the version it was read at', async () => {
    const onClose = vi.fn();
    const t = renderWithClient(<DaemonSettingsDialog view={view} onClose={onClose} />);
    const box = screen.getByRole('textbox', { name: 'daemon.json' });
    fireEvent.change(box, { target: { value: MIRRORED } });
    await answerCheck(t, MIRRORED, valid);
    const changes = screen.getByRole('table', { name: 'Setting changes' });
    const row = within(changes).getByRole('row', { name: 'registry-mirrors' });
    expect(row.textContent).toBe('registry-mirrors (added)not set["https://mirror.example"]');
    expect(screen.getByText(restart.summary)).toBeTruthy();
    expect(
      within(screen.getByRole('table', { name: 'Running containers through the restart' })).getByRole('row', {
        name: 'web',
      }).textContent,
    ).toBe('webnostays stopped');

    await userEvent.click(screen.getByRole('button', { name: 'Apply and restart…' }));
    const confirm = screen.getByRole('dialog', { name: 'Restart the engine with the new settings?' });
    expect(confirm.textContent).toContain(restart.summary);
    expect(sentArgs(t, 'engine.config.apply')).toEqual([]);
    await userEvent.click(within(confirm).getByRole('button', { name: 'Apply and restart' }));
    expect(sentArgs(t, 'engine.config.apply')).toEqual([{ text: MIRRORED, version: 'v1' }]);
    await act(async () =>
      t.reply('engine.config.apply', {
        outcome: 'applied',
        message: 'The engine restarted with the new settings (1 change).',
        version: 'v2',
      }),
    );
    expect(onClose).toHaveBeenCalled();
  });

  it('keeps the text and says what dockerd said when the engine refused it and Berth put the old file back', async () => {
    const t = renderWithClient(<DaemonSettingsDialog view={view} onClose={() => {}} />);
    const text = '{"storage-driver": "zfs"}';
    fireEvent.change(screen.getByRole('textbox', { name: 'daemon.json' }), { target: { value: text } });
    await answerCheck(t, text, { ...valid, changes: [{ key: 'storage-driver', change: 'added', after: '"zfs"' }] });
    await userEvent.click(screen.getByRole('button', { name: 'Apply and restart…' }));
    await userEvent.click(screen.getByRole('button', { name: 'Apply and restart' }));
    const said =
      'dockerd refused the new settings, so Berth put the previous daemon.json back and the engine runs with it again. dockerd said: error initializing graphdriver';
    await act(async () =>
      t.reply('engine.config.apply', { outcome: 'rolled-back', message: said, engineMessage: 'x', version: 'v1' }),
    );
    expect(screen.getByRole('alert').textContent).toBe(said);
    expect(screen.getByRole('textbox', { name: 'daemon.json' })).toHaveProperty('value', text);
    // it is checked again against the file now on disk
    await waitFor(() => expect(sentArgs(t, 'engine.config.check')).toHaveLength(2), { timeout: 3000 });
  });

  it('shows a refused apply as its sentence', async () => {
    const t = renderWithClient(<DaemonSettingsDialog view={view} onClose={() => {}} />);
    fireEvent.change(screen.getByRole('textbox', { name: 'daemon.json' }), { target: { value: MIRRORED } });
    await answerCheck(t, MIRRORED, valid);
    await userEvent.click(screen.getByRole('button', { name: 'Apply and restart…' }));
    await userEvent.click(screen.getByRole('button', { name: 'Apply and restart' }));
    const sentence =
      "The engine's daemon.json changed since you opened it (in another window or by hand). Reload the settings to see the change, then make your edit again.";
    await act(async () => t.fail('engine.config.apply', { kind: 'conflict', message: sentence }));
    expect(screen.getByRole('alert').textContent).toBe(sentence);
  });
});

describe('DaemonSettingsDialog, adding without JSON', () => {
  it('adds a registry mirror to the text, which is then checked', async () => {
    const t = renderWithClient(<DaemonSettingsDialog view={view} onClose={() => {}} />);
    await userEvent.type(screen.getByRole('textbox', { name: 'Registry mirror' }), 'https://mirror.example{Enter}');
    const box = screen.getByRole('textbox', { name: 'daemon.json' });
    expect(box).toHaveProperty('value', '{\n  "registry-mirrors": [\n    "https://mirror.example"\n  ]\n}\n');
    await answerCheck(t, (box as HTMLTextAreaElement).value, valid);
    expect(screen.getByRole('table', { name: 'Setting changes' })).toBeTruthy();

    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Setting to add to' }), 'insecure-registries');
    fireEvent.change(box, { target: { value: '{' } });
    await userEvent.type(screen.getByRole('textbox', { name: 'Insecure registry' }), 'registry.local:5000');
    await userEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(screen.getByRole('alert').textContent).toBe(
      'The settings are not valid JSON yet: fix them in the editor first, then add.',
    );
    expect(box).toHaveProperty('value', '{');
  });
});
