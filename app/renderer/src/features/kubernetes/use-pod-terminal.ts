// A terminal in a pod's container (kube.exec), in the same xterm session the containers view uses.
// It lives as long as the view that shows it: unmounting, or choosing another container or shell,
// closes its stream (and so the websocket to the cluster).
import { useCallback, useEffect, useRef, useState } from 'react';
import { useClient } from '../../api/hooks';
import type { SessionState, TerminalSession } from '../containers/detail/terminal/session';
import { viewSession } from '../containers/detail/terminal/terminal-store';

export interface PodTerminalTarget {
  context: string;
  namespace: string;
  pod: string;
  /** Default: the pod's default container. */
  container?: string;
  /** Default: /bin/sh, which runs bash when the container has it. */
  shell?: string;
}

export function usePodTerminal(t: PodTerminalTarget): {
  /** The session's key (TerminalView, its search and menu find it by this). */
  key: string;
  /** The session exists (a view may show it). */
  ready: boolean;
  state: SessionState;
  reconnect(): void;
} {
  const client = useClient();
  const { context, namespace, pod, container, shell } = t;
  const key = `kube:${context}/${namespace}/${pod}/${container ?? ''}/${shell ?? ''}`;
  const [state, setState] = useState<SessionState>({ status: 'connecting' });
  const [readyKey, setReadyKey] = useState<string>();
  const session = useRef<TerminalSession>(undefined);
  const connect = useCallback((s: TerminalSession) => s.connect(client, shell ? { shell } : {}), [client, shell]);
  useEffect(() => {
    const v = viewSession(
      key,
      (c, size, _opts, handlers) =>
        c.subscribe(
          'kube.exec',
          { context, namespace, pod, ...size, ...(container ? { container } : {}), ...(shell ? { shell } : {}) },
          handlers,
        ),
      setState,
    );
    session.current = v.session;
    setState({ status: 'connecting' });
    connect(v.session);
    setReadyKey(key);
    return () => {
      session.current = undefined;
      v.close();
    };
  }, [key, context, namespace, pod, container, shell, connect]);
  const reconnect = useCallback(() => {
    const s = session.current;
    if (!s) return;
    s.term.write('\r\n');
    connect(s);
  }, [connect]);
  return { key, ready: readyKey === key, state, reconnect };
}
