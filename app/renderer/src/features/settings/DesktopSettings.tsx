// The settings the desktop app applies (login start, window, quit, tray). The desktop shell reads the
// same settings in process, so a change here applies at once; in a browser they are kept for it.
import type { BerthSettings, SettingsPatch } from '../../../../shared/contract/areas/settings';

export interface DesktopSettingsProps {
  settings: BerthSettings;
  save(patch: SettingsPatch, what: string): void;
}

export function DesktopSettings({ settings: s, save }: DesktopSettingsProps) {
  const check = (label: string, checked: boolean, patch: (on: boolean) => SettingsPatch, what: string) => (
    <label className="checkbox-line">
      <input type="checkbox" checked={checked} onChange={(e) => save(patch(e.target.checked), what)} />
      {label}
    </label>
  );
  return (
    <fieldset className="card">
      <legend>Desktop</legend>
      {check('Start Berth when I log in', s.startAtLogin, (on) => ({ startAtLogin: on }), 'start at login')}
      {check('Start hidden in the tray', s.startMinimized, (on) => ({ startMinimized: on }), 'start hidden')}
      {check(
        'Closing the window keeps Berth running in the tray',
        s.closeToTray,
        (on) => ({ closeToTray: on }),
        'close to tray',
      )}
      {check(
        'The tray lists stopped containers',
        s.tray.showStopped,
        (on) => ({ tray: { showStopped: on } }),
        'stopped containers in the tray',
      )}
      {check(
        'The tray lists compose projects',
        s.tray.showCompose,
        (on) => ({ tray: { showCompose: on } }),
        'compose projects in the tray',
      )}
      <fieldset className="plain" role="radiogroup" aria-label="When Berth quits">
        <span className="muted small">When Berth quits</span>
        {(
          [
            ['stop', "Stop Berth's engine"],
            ['leave', 'Leave the engine running for the next start'],
          ] as const
        ).map(([value, label]) => (
          <label key={value} className="checkbox-line">
            <input
              type="radio"
              name="engine-on-quit"
              value={value}
              checked={s.engineOnQuit === value}
              onChange={() => save({ engineOnQuit: value }, `on quit: ${label.toLowerCase()}`)}
            />
            {label}
          </label>
        ))}
      </fieldset>
      <p className="muted small">These apply to the desktop app; in a browser they are kept for it.</p>
    </fieldset>
  );
}
