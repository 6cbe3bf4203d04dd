// @vitest-environment happy-dom
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import {
  applySettingsPatch,
  settingsSchema,
  type SettingsPatch,
  type SettingsState,
} from '../../../../shared/contract/areas/settings';
import { renderWithClient } from '../../test/scripted-client';
import { SettingsPage } from './SettingsPage';

afterEach(cleanup);

const checked = (name: string, role: 'checkbox' | 'radio' = 'checkbox') =>
  (screen.getByRole(role, { name }) as HTMLInputElement).checked;

const state = (patch: SettingsPatch = {}): SettingsState => ({
  settings: applySettingsPatch(settingsSchema.parse({}), patch),
  file: '/home/me/.config/berth/settings.json',
});

async function open() {
  const t = renderWithClient(<SettingsPage />);
  await act(async () => t.reply('settings.get', state()));
  await screen.findByRole('checkbox', { name: 'Start hidden in the tray' });
  return t;
}

const lastUpdate = (t: Awaited<ReturnType<typeof open>>) => t.sent.filter((f) => f.method === 'settings.update').at(-1);

describe('Settings page: the desktop settings the shell applies', () => {
  it('shows start hidden, close to tray, what the tray lists and what happens on quit, from the store', async () => {
    await open();
    expect(checked('Start Berth when I log in')).toBe(false);
    expect(checked('Start hidden in the tray')).toBe(false);
    expect(checked('Closing the window keeps Berth running in the tray')).toBe(true);
    expect(checked('The tray lists stopped containers')).toBe(true);
    expect(checked('The tray lists compose projects')).toBe(true);
    expect(screen.getByRole('radiogroup', { name: 'When Berth quits' })).toBeTruthy();
    expect(checked("Stop Berth's engine", 'radio')).toBe(true);
  });

  it('saves each change as a patch of that field alone, showing it at once', async () => {
    const t = await open();
    const user = userEvent.setup();
    await user.click(screen.getByRole('checkbox', { name: 'Start hidden in the tray' }));
    expect(lastUpdate(t)?.args).toEqual({ startMinimized: true });
    expect(checked('Start hidden in the tray')).toBe(true);
    await act(async () => t.reply('settings.update', state({ startMinimized: true })));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Saved: start hidden.'));

    await user.click(screen.getByRole('checkbox', { name: 'The tray lists stopped containers' }));
    expect(lastUpdate(t)?.args).toEqual({ tray: { showStopped: false } });
    expect(checked('The tray lists stopped containers')).toBe(false);
    expect(checked('The tray lists compose projects')).toBe(true);
    await act(async () => t.reply('settings.update', state({ startMinimized: true, tray: { showStopped: false } })));

    await user.click(screen.getByRole('radio', { name: 'Leave the engine running for the next start' }));
    expect(lastUpdate(t)?.args).toEqual({ engineOnQuit: 'leave' });
    expect(checked('Leave the engine running for the next start', 'radio')).toBe(true);
  });

  it('puts the stored value back when the store refuses a change, and says why', async () => {
    const t = await open();
    await userEvent.setup().click(screen.getByRole('checkbox', { name: 'Start hidden in the tray' }));
    await act(async () =>
      t.fail('settings.update', { kind: 'unavailable', message: 'Could not write the settings file.' }),
    );
    await act(async () => t.reply('settings.get', state()));
    expect(await screen.findByText('Could not write the settings file.')).toBeTruthy();
    expect(checked('Start hidden in the tray')).toBe(false);
  });
});
