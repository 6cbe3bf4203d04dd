// The engine: what runs, its state and progress, what failed and how to fix it, and its controls.
import { useState } from 'react';
import { useClient, useRequest } from '../../api/hooks';
import { useEngineStatus } from '../../app/engine-status';
import { useUi } from '../../app/ui-store';
import { formatBytes } from '../../components/format';

export function EnginePage() {
  const client = useClient();
  const toast = useUi((s) => s.toast);
  const status = useEngineStatus();
  const running = status?.state === 'running';
  const info = useRequest('engine.info', undefined, { enabled: running });
  const [busy, setBusy] = useState(false);
  const control = async (verb: 'engine.start' | 'engine.stop' | 'engine.restart') => {
    setBusy(true);
    try {
      await client.request(verb);
    } catch (e) {
      toast('error', (e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const i = info.data;
  return (
    <section aria-labelledby="engine-title" className="list-page">
      <div className="page-head">
        <h1 id="engine-title">Engine</h1>
      </div>
      {!status ? (
        <p className="muted">Connecting to Berth…</p>
      ) : (
        <div className="cards">
          <div className="card" role="region" aria-label="Engine state">
            <h2>State</h2>
            <p className={`engine-state state-${status.state}`}>
              <span className="dot" aria-hidden="true" /> {status.state}
              {status.progress && status.state !== 'running' ? ` — ${status.progress}` : ''}
            </p>
            <dl className="facts">
              <dt>Kind</dt>
              <dd>{status.kind === 'external' ? 'an engine Berth connects to' : status.kind === 'none' ? 'none' : `Berth's own engine (${status.kind})`}</dd>
              {status.address && (
                <>
                  <dt>Address</dt>
                  <dd className="mono small">{status.address}</dd>
                </>
              )}
              {status.restartedAfterCrash && (
                <>
                  <dt>Restarted</dt>
                  <dd>after a crash, {new Date(status.restartedAfterCrash).toLocaleTimeString()}</dd>
                </>
              )}
            </dl>
            {status.error && (
              <div className="failure" role="alert">
                <p className="error-text">
                  {status.error.step}: {status.error.message}
                </p>
                <p>{status.error.fix}</p>
                {status.error.logTail.length > 0 && (
                  <details>
                    <summary>The engine's last log lines</summary>
                    <pre className="log-tail">{status.error.logTail.join('\n')}</pre>
                  </details>
                )}
              </div>
            )}
            {status.managed ? (
              <div className="button-row">
                <button type="button" disabled={busy || status.state === 'running' || status.state === 'starting'} onClick={() => control('engine.start')}>
                  Start
                </button>
                <button type="button" disabled={busy || status.state !== 'running'} onClick={() => control('engine.stop')}>
                  Stop
                </button>
                <button type="button" disabled={busy || status.state !== 'running'} onClick={() => control('engine.restart')}>
                  Restart
                </button>
              </div>
            ) : (
              <p className="muted small">Berth does not start or stop an engine it did not start.</p>
            )}
          </div>
          {i && (
            <div className="card" role="region" aria-label="Engine details">
              <h2>Details</h2>
              <dl className="facts">
                <dt>Version</dt>
                <dd>
                  {i.version} (API {i.apiVersion})
                </dd>
                <dt>System</dt>
                <dd>
                  {i.os}, kernel {i.kernel}, {i.architecture}
                </dd>
                <dt>Resources</dt>
                <dd>
                  {i.cpus} CPUs, {formatBytes(i.memory)} memory
                </dd>
                <dt>Storage</dt>
                <dd>
                  {i.storageDriver}, cgroup v{i.cgroupVersion}, data in <span className="mono small">{i.dataRoot}</span>
                </dd>
                <dt>Containers</dt>
                <dd>
                  {i.containers.total} ({i.containers.running} running, {i.containers.paused} paused, {i.containers.stopped} stopped)
                </dd>
                <dt>Images</dt>
                <dd>{i.images}</dd>
              </dl>
            </div>
          )}
          {info.error && <p className="error-text">{info.error.message}</p>}
        </div>
      )}
    </section>
  );
}
