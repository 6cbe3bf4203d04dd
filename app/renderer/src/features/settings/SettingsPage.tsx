// Berth's settings, persisted in its config dir: engine choice, the desktop app's (login, window,
// quit, tray), notifications per kind, theme (applied at once), the default terminal shell, and the
// resources and idle saver of Berth's VM.
import { useEffect, useState } from 'react';
import {
  applySettingsPatch,
  notificationKinds,
  notificationLabels,
  terminalShell,
  themeChoices,
  type SettingsPatch,
  type SettingsState,
} from '../../../../shared/contract/areas/settings';
import { firstIssue } from '../../../../shared/rules';
import { useClient, useQueryClient, useRequest } from '../../api/hooks';
import { useUi, type ThemeChoice } from '../../app/ui-store';
import { EngineSwitch } from '../engine-page/EngineSwitch';
import { ErrorText, Field, messageOf } from '../../components/kit';
import { CheckLine, SettingsCard } from './SettingsParts';
import { DesktopSettings } from './DesktopSettings';
import { VmSettingsSection } from './VmSettings';
import '../../components/kit.css';
import '../engine-page/engine.css';

const themeText: Record<ThemeChoice, string> = { system: 'Follow the system', light: 'Light', dark: 'Dark' };

export function SettingsPage() {
  const client = useClient();
  const queryClient = useQueryClient();
  const q = useRequest('settings.get', {});
  const theme = useUi((s) => s.theme);
  const setTheme = useUi((s) => s.setTheme);
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState<string>();
  const [shell, setShell] = useState('');
  const s = q.data?.settings;
  useEffect(() => {
    if (s?.terminalShell) setShell(s.terminalShell);
  }, [s?.terminalShell]); // reset the field only when the stored value changes
  const save = async (patch: SettingsPatch, what: string) => {
    setError(undefined);
    // Show the change at once; the server's answer (or a refetch after a refusal) settles it.
    const key = ['settings.get', {}];
    const before = queryClient.getQueryData<SettingsState>(key);
    if (before)
      queryClient.setQueryData<SettingsState>(key, {
        ...before,
        settings: applySettingsPatch(before.settings, patch),
      });
    try {
      const next = await client.request('settings.update', patch);
      queryClient.setQueryData(['settings.get', {}], next);
      setSaved(`Saved: ${what}.`);
    } catch (e) {
      setError(messageOf(e));
      void queryClient.invalidateQueries({ queryKey: key });
    }
  };
  const shellProblem = firstIssue(terminalShell.safeParse(shell.trim()));
  return (
    <section aria-labelledby="settings-title" className="list-page settings-page">
      <div className="page-head">
        <h1 id="settings-title">Settings</h1>
        <span className="muted small" role="status">
          {saved}
        </span>
      </div>
      {q.error && <p className="error-text">{q.error.message}</p>}
      {q.data?.problem && (
        <p className="warning-text" role="alert">
          {q.data.problem}
        </p>
      )}
      <ErrorText message={error} />
      <div className="cards">
        <SettingsCard legend="Appearance">
          {themeChoices.map((t) => (
            <CheckLine
              key={t}
              label={themeText[t]}
              type="radio"
              name="theme"
              value={t}
              checked={theme === t}
              onChange={() => {
                setTheme(t);
                void save({ theme: t }, `theme ${themeText[t].toLowerCase()}`);
              }}
            />
          ))}
        </SettingsCard>
        {s && <DesktopSettings settings={s} save={(patch, what) => void save(patch, what)} />}
        {s && (
          <SettingsCard legend="Notifications">
            {notificationKinds.map((k) => (
              <CheckLine
                key={k}
                label={notificationLabels[k]}
                type="checkbox"
                checked={s.notifications[k]}
                onChange={(e) =>
                  void save({ notifications: { [k]: e.target.checked } }, notificationLabels[k].toLowerCase())
                }
              />
            ))}
          </SettingsCard>
        )}
        {s && (
          <SettingsCard legend="Terminal">
            <form
              className="row-fields shell-form"
              noValidate
              onSubmit={(e) => {
                e.preventDefault();
                if (!shellProblem) void save({ terminalShell: shell.trim() }, `terminal shell ${shell.trim()}`);
              }}
            >
              <Field
                id="settings-shell"
                label="Default terminal shell"
                error={shellProblem}
                hint='"auto" tries bash, then sh.'
              >
                <input
                  id="settings-shell"
                  list="shell-choices"
                  value={shell}
                  spellCheck={false}
                  onChange={(e) => setShell(e.target.value)}
                />
                <datalist id="shell-choices">
                  {['auto', '/bin/bash', '/bin/sh', '/bin/ash', '/bin/zsh'].map((o) => (
                    <option key={o} value={o} />
                  ))}
                </datalist>
              </Field>
              <button type="submit" disabled={!!shellProblem || shell.trim() === s.terminalShell}>
                Save shell
              </button>
            </form>
          </SettingsCard>
        )}
        {s && <VmSettingsSection stored={s.vm} />}
        <EngineSwitch />
      </div>
      {q.data && <p className="muted small settings-file">Kept in {q.data.file}</p>}
    </section>
  );
}
