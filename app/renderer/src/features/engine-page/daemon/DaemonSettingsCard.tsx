// The Engine page's card for the engine's settings (daemon.json): what is set now and an editor to
// change them. Only Berth's own engine can be changed here; for any other one the card says why.
import { useEffect, useRef, useState } from 'react';
import { useRequest } from '../../../api/hooks';
import { useEngineStatus } from '../../../app/engine-status';
import { DaemonSettingsDialog } from './DaemonSettingsDialog';
import './daemon.css';

/** The settings' names in the file, or undefined when it is not a JSON object. */
export function settingNames(text: string): string[] | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.keys(v) : undefined;
  } catch {
    return undefined;
  }
}

export function DaemonSettingsCard() {
  const q = useRequest('engine.config.get');
  // Another engine chosen (or the engine started, stopped): read again whether and what it can set.
  const status = useEngineStatus();
  const engineKey = status ? `${status.kind}:${status.state}` : undefined;
  const seen = useRef(engineKey);
  const { refetch } = q;
  useEffect(() => {
    if (engineKey === undefined || seen.current === engineKey) return;
    const first = seen.current === undefined; // the status just arrived: the settings were read for it
    seen.current = engineKey;
    if (!first) void refetch();
  }, [engineKey, refetch]);
  const [editing, setEditing] = useState(false);
  const view = q.data;
  const names = view?.managed ? settingNames(view.text) : undefined;
  return (
    <div className="card" role="region" aria-label="Engine settings">
      <h2>Engine settings (daemon.json)</h2>
      {q.error && <p className="error-text">{q.error.message}</p>}
      {q.isPending && <p className="muted">Reading the settings…</p>}
      {view && !view.managed && <p role="status">{view.reason}</p>}
      {view?.managed && (
        <>
          <p className="muted small">
            Registry mirrors, insecure registries, log driver and options, address pools, features: dockerd reads them
            from <span className="mono">{view.path}</span> when it starts.
          </p>
          <p role="status">
            {names === undefined
              ? 'The file is not a JSON object: open it to fix it.'
              : names.length === 0
                ? "No settings: the engine runs with dockerd's defaults."
                : `Set: ${names.join(', ')}.`}
          </p>
          <div className="daemon-card-actions">
            <button type="button" className="small" onClick={() => setEditing(true)}>
              Edit settings…
            </button>
          </div>
        </>
      )}
      {editing && view?.managed && <DaemonSettingsDialog view={view} onClose={() => setEditing(false)} />}
    </div>
  );
}
