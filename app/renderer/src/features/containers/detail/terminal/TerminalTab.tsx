// The Terminal tab: exec sessions in the container that survive tab and page switches.
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ContainerSummary } from '../../../../../../shared/contract';
import { useClient, useRequest } from '../../../../api/hooks';
import { Empty, StatusText } from '../common/States';
import { ReconnectButton, SessionActions, SessionStatus, ShellSelect } from './TerminalToolbar';
import { TerminalView } from './TerminalView';
import {
  closeSession,
  ensureSession,
  openSession,
  reconnect,
  sessionsOf,
  setActive,
  setPrefs,
  useTerminalStore,
} from './terminal-store';
import '@xterm/xterm/css/xterm.css';
import '../common/common.css';
import './terminal.css';

export function TerminalTab({ container }: { container: ContainerSummary }) {
  const client = useClient();
  const sessions = useTerminalStore(useShallow((st) => sessionsOf(st.sessions, container.id)));
  const activeKey = useTerminalStore((st) => st.active[container.id]);
  const prefs = useTerminalStore((st) => st.prefs[container.id]) ?? {};
  const notice = useTerminalStore((st) => (activeKey ? st.notices[activeKey] : undefined)) ?? '';
  const running = container.state === 'running';

  // The default shell from Berth's settings ("auto": bash, else sh) applies to the first session.
  const settings = useRequest('settings.get', {});
  const defaultShell = settings.data?.settings.terminalShell;
  const settled = !settings.isPending;
  useEffect(() => {
    if (!running || !settled) return;
    if (!useTerminalStore.getState().prefs[container.id] && defaultShell && defaultShell !== 'auto')
      setPrefs(container.id, { shell: defaultShell });
    ensureSession(client, container.id);
  }, [running, settled, defaultShell, client, container.id]);

  const active = sessions.find((s) => s.key === activeKey) ?? sessions[sessions.length - 1];
  const ended = active && (active.status === 'ended' || active.status === 'error');

  return (
    <div className="bd-tab term-tab">
      <div className="bd-toolbar">
        <ShellSelect
          value={prefs.shell ?? ''}
          onChange={(shell) => setPrefs(container.id, { ...prefs, shell: shell || undefined })}
        />
        <label className="bd-check">
          User
          <input
            className="bd-input term-user"
            placeholder="default"
            value={prefs.user ?? ''}
            maxLength={64}
            onChange={(e) => setPrefs(container.id, { ...prefs, user: e.target.value.trim() || undefined })}
          />
        </label>
        <button type="button" className="bd-btn" disabled={!running} onClick={() => openSession(client, container.id)}>
          New terminal
        </button>
        <button
          type="button"
          className="bd-btn"
          disabled={!running}
          title="A busybox shell beside the container, for images without a shell: ps shows its processes, its files are at /proc/1/root"
          onClick={() => openSession(client, container.id, { debug: true })}
        >
          Debug shell
        </button>
        <span className="bd-spacer" />
        <SessionActions sessionKey={active?.key} search ended={!!ended} />
      </div>

      {sessions.length > 0 && (
        <div className="term-sessions">
          <div role="tablist" aria-label="Terminal sessions" className="term-session-list">
            {sessions.map((s) => (
              <span key={s.key} className="term-session">
                <button
                  type="button"
                  role="tab"
                  aria-selected={s.key === active?.key}
                  tabIndex={s.key === active?.key ? 0 : -1}
                  className="term-session-tab"
                  onClick={() => setActive(container.id, s.key)}
                  onKeyDown={(e) => {
                    const i = sessions.indexOf(s);
                    const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : -2;
                    if (next === -2) return;
                    e.preventDefault();
                    const target = sessions[(next + sessions.length) % sessions.length]!;
                    setActive(container.id, target.key);
                    requestAnimationFrame(() =>
                      document.getElementById(`term-session-${target.key}`)?.focus({ preventScroll: true }),
                    );
                  }}
                  id={`term-session-${s.key}`}
                >
                  {s.debug ? 'Debug' : 'Session'} {s.number}
                  <span className={`term-dot term-dot-${s.status}`} aria-hidden="true" />
                </button>
                <button
                  type="button"
                  className="term-session-close"
                  aria-label={`Close ${s.debug ? 'debug shell' : 'session'} ${s.number}`}
                  onClick={() => closeSession(s.key)}
                >
                  ×
                </button>
              </span>
            ))}
          </div>
          {active && <SessionStatus state={active} ended={ended} />}
          {active?.status === 'error' && !active.debug && /has no shell/.test(active.error ?? '') && (
            <button
              type="button"
              className="bd-btn bd-btn-primary"
              disabled={!running}
              onClick={() => openSession(client, container.id, { debug: true })}
            >
              Open a debug shell instead
            </button>
          )}
          {ended && <ReconnectButton disabled={!running} onClick={() => reconnect(client, active.key)} />}
          <StatusText text={notice} />
        </div>
      )}

      {active ? (
        <TerminalView
          key={active.key}
          sessionKey={active.key}
          label={`${active.debug ? 'Debug shell' : 'Terminal'} of ${container.name}, session ${active.number}`}
        />
      ) : (
        <Empty>
          {running
            ? 'No terminal is open. Choose “New terminal” to open one.'
            : 'The container is not running. Start it to open a terminal.'}
        </Empty>
      )}
      {active && !running && <p className="term-hint">The container is not running; start it to reconnect.</p>}
    </div>
  );
}
