// The active engine's state with its live progress line, what failed and how to fix it, and
// Start / Stop / Restart when Berth manages it.
import { useState } from 'react';
import type { EngineStatus } from '../../../../shared/contract';
import { useClient } from '../../api/hooks';
import { engineSleeping } from '../../app/engine-status';
import { useUi } from '../../app/ui-store';

const kinds: Record<EngineStatus['kind'], string> = {
  external: 'An engine Berth connects to',
  none: 'None',
  native: "Berth's own engine (dockerd)",
  rootless: "Berth's own engine (rootless dockerd)",
  lima: "Berth's own engine (in its Lima VM)",
  wsl: "Berth's own engine (in its WSL 2 distro)",
  'linux-vm': "Berth's isolated VM (QEMU, its own kernel)",
};

export function EngineState({ status }: { status: EngineStatus }) {
  const client = useClient();
  const toast = useUi((s) => s.toast);
  const [busy, setBusy] = useState<string>();
  const control = async (verb: 'engine.start' | 'engine.stop' | 'engine.restart', label: string) => {
    setBusy(label);
    try {
      const s = await client.request(verb);
      if (s.state === 'error' && s.error) toast('error', `${s.error.step}: ${s.error.message}`);
    } catch (e) {
      toast('error', (e as Error).message);
    } finally {
      setBusy(undefined);
    }
  };
  const st = status.state;
  const asleep = engineSleeping(status);
  return (
    <div className="card" role="region" aria-label="Engine state">
      <h2>State</h2>
      <p className={`engine-state state-${st}${asleep ? ' state-sleeping' : ''}`}>
        <span className="dot" aria-hidden="true" />{' '}
        <span aria-label="Engine state value" className={asleep ? 'as-written' : undefined}>
          {st === 'none' ? 'no engine' : asleep ? 'Sleeping (idle)' : st}
        </span>
      </p>
      <p className="progress-line muted" role="status" aria-label="Engine progress">
        {busy && st === 'running' && busy !== 'Start'
          ? `${busy}…`
          : status.progress || (st === 'running' ? 'Ready' : '')}
      </p>
      <dl className="facts">
        <dt>Kind</dt>
        <dd>{kinds[status.kind]}</dd>
        {status.address && (
          <>
            <dt>Socket</dt>
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
          <p>
            <strong>Fix:</strong> {status.error.fix}
          </p>
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
          <button
            type="button"
            disabled={!!busy || st === 'running' || st === 'starting' || st === 'stopping'}
            onClick={() => void control('engine.start', 'Start')}
          >
            Start
          </button>
          <button
            type="button"
            disabled={!!busy || st === 'stopped' || st === 'stopping'}
            onClick={() => void control('engine.stop', 'Stopping')}
          >
            Stop
          </button>
          <button
            type="button"
            disabled={!!busy || st === 'starting' || st === 'stopping'}
            onClick={() => void control('engine.restart', 'Restarting')}
          >
            Restart
          </button>
        </div>
      ) : (
        st !== 'none' && <p className="muted small">Berth does not start or stop an engine it did not start.</p>
      )}
    </div>
  );
}
