// What applying the edited daemon.json changes, setting by setting (now → after), and what the
// restart does to the containers running now.
import type { DaemonConfigCheck } from '../../../../../shared/contract/areas/engine-config';

const shown = (v: string | undefined) => (v === undefined ? 'not set' : v);

export function ChangePreview({ check }: { check: DaemonConfigCheck }) {
  const { changes, restart } = check;
  if (!changes.length)
    return (
      <p className="muted" role="status">
        No setting changes: applying would not restart the engine.
      </p>
    );
  return (
    <div className="daemon-preview">
      <h3>
        {changes.length} change{changes.length === 1 ? '' : 's'} after a restart
      </h3>
      <table className="daemon-changes" aria-label="Setting changes">
        <thead>
          <tr>
            <th scope="col">Setting</th>
            <th scope="col">Now</th>
            <th scope="col">After the restart</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={c.key} aria-label={c.key} className={`change-${c.change}`}>
              <th scope="row" className="mono">
                {c.key} <span className="muted small">({c.change})</span>
              </th>
              <td className="mono">{shown(c.before)}</td>
              <td className="mono">{shown(c.after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className={restart.keepsRunning || !restart.containers.length ? 'muted' : 'warning-text'}>{restart.summary}</p>
      {restart.containers.length > 0 && (
        <table className="daemon-changes" aria-label="Running containers through the restart">
          <thead>
            <tr>
              <th scope="col">Container</th>
              <th scope="col">Restart policy</th>
              <th scope="col">After the restart</th>
            </tr>
          </thead>
          <tbody>
            {restart.containers.map((c) => (
              <tr key={c.name} aria-label={c.name}>
                <th scope="row">{c.name}</th>
                <td>{c.restartPolicy}</td>
                <td>{c.after}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
