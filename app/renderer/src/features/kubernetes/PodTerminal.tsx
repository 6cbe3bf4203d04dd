// The Terminal tab of a pod's detail: a shell in one of its containers (kubectl exec -it), in the
// same xterm terminal as a container's, with a container and a shell picker. The shell ends when the
// tab's dialog closes or another container or shell is chosen.
import { useState } from 'react';
import { ErrorNote, StatusText } from '../containers/detail/common/States';
import { TerminalSearch } from '../containers/detail/terminal/TerminalSearch';
import { TerminalView } from '../containers/detail/terminal/TerminalView';
import { getSession, useTerminalStore } from '../containers/detail/terminal/terminal-store';
import { SHELLS, statusText } from '../containers/detail/terminal/status-text';
import { usePodTerminal } from './use-pod-terminal';
import '@xterm/xterm/css/xterm.css';
import '../containers/detail/common/common.css';
import '../containers/detail/terminal/terminal.css';

export function PodTerminal({
  context,
  namespace,
  pod,
  containers,
}: {
  context: string;
  namespace: string;
  pod: string;
  /** The pod's containers; the first is the default. */
  containers: string[];
}) {
  const [container, setContainer] = useState(containers[0] ?? '');
  const [shell, setShell] = useState('');
  const t = usePodTerminal({
    context,
    namespace,
    pod,
    ...(container ? { container } : {}),
    ...(shell ? { shell } : {}),
  });
  const notice = useTerminalStore((st) => st.notices[t.key]) ?? '';
  const ended = t.state.status === 'ended' || t.state.status === 'error';
  const session = () => getSession(t.key);
  return (
    <div className="bd-tab term-tab kube-terminal">
      <div className="bd-toolbar">
        {containers.length > 1 && (
          <label className="bd-check">
            Container
            <select className="bd-select" value={container} onChange={(e) => setContainer(e.target.value)}>
              {containers.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="bd-check">
          Shell
          <select className="bd-select" value={shell} onChange={(e) => setShell(e.target.value)}>
            {SHELLS.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        {t.state.status !== 'error' && (
          <span className="term-state" role="status" aria-live="polite">
            {statusText(t.state)}
          </span>
        )}
        {ended && (
          <button type="button" className="bd-btn bd-btn-primary" onClick={t.reconnect}>
            Reconnect
          </button>
        )}
        <StatusText text={notice} />
        <span className="bd-spacer" />
        {t.ready && <TerminalSearch key={t.key} sessionKey={t.key} />}
        <button type="button" className="bd-btn" onClick={() => void session()?.copy()}>
          Copy
        </button>
        <button type="button" className="bd-btn" disabled={ended} onClick={() => void session()?.paste()}>
          Paste
        </button>
        <button type="button" className="bd-btn" onClick={() => session()?.clear()}>
          Clear
        </button>
      </div>
      {t.state.status === 'error' && <ErrorNote error={{ message: t.state.error ?? 'The terminal failed.' }} />}
      {t.ready && (
        <TerminalView
          key={t.key}
          sessionKey={t.key}
          label={`Terminal of pod ${pod}${container ? `, container ${container}` : ''}`}
        />
      )}
    </div>
  );
}
