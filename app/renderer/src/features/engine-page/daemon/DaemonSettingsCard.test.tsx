// @vitest-environment happy-dom
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { DaemonConfigView } from '../../../../../shared/contract/areas/engine-config';
import { queryKey } from '../../../api/hooks';
import { renderWithClient } from '../../../test/scripted-client';
import { DaemonSettingsCard, settingNames } from './DaemonSettingsCard';

const view: DaemonConfigView = {
  managed: true,
  text: '{\n  "registry-mirrors": ["https://mirror.example"]\n}\n',
  version: 'v1',
  path: '/home/me/.local/share/berth/engine/daemon.json',
  berthKeys: [],
  running: true,
};
const MIRRORED = view.text;

afterEach(cleanup);

it('names the settings of a JSON object, and nothing for another text', () => {
  expect(settingNames('{"a": 1, "b": {}}')).toEqual(['a', 'b']);
  expect(settingNames('{}')).toEqual([]);
  expect(settingNames('[1]')).toBeUndefined();
  expect(settingNames('{')).toBeUndefined();
});

describe('DaemonSettingsCard', () => {
  it('says why the settings cannot be changed for an engine Berth does not run', async () => {
    const t = renderWithClient(<DaemonSettingsCard />);
    const reason =
      'Docker (system) is an engine Berth connects to but does not start, so Berth cannot change its daemon.json or restart it.';
    await act(async () =>
      t.reply('engine.config.get', { managed: false, reason, text: '', version: 'none', berthKeys: [], running: true }),
    );
    expect((await screen.findByRole('status')).textContent).toBe(reason);
    expect(screen.queryByRole('button', { name: 'Edit settings…' })).toBeNull();
  });

  it('lists what is set and opens the editor', async () => {
    const t = renderWithClient(<DaemonSettingsCard />);
    await act(async () => t.reply('engine.config.get', { ...view, text: MIRRORED }));
    expect((await screen.findByRole('status')).textContent).toBe('Set: registry-mirrors.');
    await userEvent.click(screen.getByRole('button', { name: 'Edit settings…' }));
    expect(screen.getByRole('dialog', { name: 'Engine settings (daemon.json)' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'daemon.json' })).toHaveProperty('value', MIRRORED);
  });
});

describe('DaemonSettingsCard, another engine', () => {
  it('reads the settings again when the engine changes', async () => {
    const t = renderWithClient(<DaemonSettingsCard />);
    await act(async () => t.reply('engine.status', { kind: 'native', state: 'running' }));
    await act(async () => t.reply('engine.config.get', view));
    expect((await screen.findByRole('status')).textContent).toBe('Set: registry-mirrors.');
    const reason = 'Docker (system) is an engine Berth connects to but does not start.';
    await act(async () =>
      t.queryClient.setQueryData(queryKey('engine.status'), { kind: 'external', state: 'running' }),
    );
    await waitFor(() => expect(t.sent.filter((r) => r.method === 'engine.config.get')).toHaveLength(2));
    await act(async () =>
      t.reply('engine.config.get', { managed: false, reason, text: '', version: 'none', berthKeys: [], running: true }),
    );
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe(reason));
  });
});
