// The Terminal tab of a pod's detail: a shell in one of its containers (kubectl exec -it), in the
// same xterm terminal as a container's, with a container and a shell picker. The shell ends when the
// tab's dialog closes or another container or shell is chosen.
import { useState } from 'react';
import { ErrorNote, StatusText } from '../containers/detail/common/States';
import { ToolbarSelect } from '../containers/detail/common/ToolbarSelect';
import {
  ReconnectButton,
  SessionActions,
  SessionStatus,
  ShellSelect,
} from '../containers/detail/terminal/TerminalToolbar';
import { TerminalView } from '../containers/detail/terminal/TerminalView';
import { useTerminalStore } from '../containers/detail/terminal/terminal-store';
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
  return (
    <div className="bd-tab term-tab kube-terminal">
      <div className="bd-toolbar">
        {containers.length > 1 && (
          <ToolbarSelect label="Container" choices={containers} value={container} onChange={setContainer} />
        )}
        <ShellSelect value={shell} onChange={setShell} />
        {t.state.status !== 'error' && <SessionStatus state={t.state} />}
        {ended && <ReconnectButton onClick={t.reconnect} />}
        <StatusText text={notice} />
        <span className="bd-spacer" />
        <SessionActions sessionKey={t.key} search={t.ready} ended={ended} />
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
