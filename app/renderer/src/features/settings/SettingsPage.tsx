// Settings kept in this browser or window: theme. Engine choice and desktop settings live with the engine and the shell.
import { useEngineStatus } from '../../app/engine-status';
import { href } from '../../app/router';
import { useUi, type ThemeChoice } from '../../app/ui-store';

export function SettingsPage() {
  const theme = useUi((s) => s.theme);
  const setTheme = useUi((s) => s.setTheme);
  const status = useEngineStatus();
  return (
    <section aria-labelledby="settings-title" className="list-page">
      <div className="page-head">
        <h1 id="settings-title">Settings</h1>
      </div>
      <div className="cards">
        <fieldset className="card">
          <legend>Appearance</legend>
          {(['system', 'light', 'dark'] as ThemeChoice[]).map((t) => (
            <label key={t} className="inline">
              <input type="radio" name="theme" value={t} checked={theme === t} onChange={() => setTheme(t)} />{' '}
              {t === 'system' ? 'Follow the system' : t === 'light' ? 'Light' : 'Dark'}
            </label>
          ))}
        </fieldset>
        <div className="card" role="region" aria-label="Engine choice">
          <h2>Engine</h2>
          <p>
            Berth uses {status?.kind === 'external' ? 'an engine that already runs' : status?.kind === 'none' ? 'no engine yet' : 'its own engine'}
            {status?.address ? (
              <>
                {' '}
                at <span className="mono small">{status.address}</span>
              </>
            ) : null}
            . See the <a href={href('engine')}>Engine page</a> for its state and controls.
          </p>
        </div>
      </div>
    </section>
  );
}
