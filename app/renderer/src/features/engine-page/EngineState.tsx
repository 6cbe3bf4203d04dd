// The active engine's state with its live progress line, what failed and how to fix it, and
// Start / Stop / Restart when Berth manages it.
import { useState } from 'react';
import type { EngineStatus } from '../../../../shared/contract';
import { useClient } from '../../api/hooks';
import { engineSleeping } from '../../app/engine-status';
import { useUi } from '../../app/ui-store';
import { Fact } from '../../components/Fact';

type Control = 'engine.start' | 'engine.stop' | 'engine.restart';

/** Start, Stop and Restart: the request, the progress word while it runs, and the states it cannot run in. */
const controls: { verb: Control; label: string; busy: string; not: EngineStatus['state'][] }[] = [
  { verb: 'engine.start', label: 'Start', busy: 'Start', not: ['running', 'starting', 'stopping'] },
  { verb: 'engine.stop', label: 'Stop', busy: 'Stopping', not: ['stopped', 'stopping'] },
  { verb: 'engine.restart', label: 'Restart', busy: 'Restarting', not: ['starting', 'stopping'] },
];

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
  const control = async (verb: Control, label: string) => {
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
        <Fact term="Kind">{kinds[status.kind]}</Fact>
        {status.address && (
          <Fact term="Socket" className="mono small">
            {status.address}
          </Fact>
        )}
        {status.restartedAfterCrash && (
          <Fact term="Restarted">after a crash, {new Date(status.restartedAfterCrash).toLocaleTimeString()}</Fact>
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
          {controls.map((c) => (
            <button
              key={c.verb}
              type="button"
              disabled={!!busy || c.not.includes(st)}
              onClick={() => void control(c.verb, c.busy)}
            >
              {c.label}
            </button>
          ))}
        </div>
      ) : (
        st !== 'none' && <p className="muted small">Berth does not start or stop an engine it did not start.</p>
      )}
    </div>
  );
}
