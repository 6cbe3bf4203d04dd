// Open terminals, kept for the life of the app: zustand holds what views render (status per
// session, the active session, shell/user choices); the xterm objects live in a module map.
import { create } from 'zustand';
import type { BerthClient } from '../../../../api/client';
import { TerminalSession, type ConnectOptions, type OpenStream, type SessionState } from './session';
import { onThemeChange } from './xterm-theme';

export interface SessionInfo extends SessionState {
  key: string;
  containerId: string;
  number: number;
  /** A debug shell (busybox beside the container) rather than a shell inside it. */
  debug?: boolean;
}

interface TerminalStore {
  sessions: Record<string, SessionInfo>;
  /** Active session key per container. */
  active: Record<string, string>;
  /** Shell and user chosen per container. */
  prefs: Record<string, ConnectOptions>;
  /** Last notice per session (copy/paste problems). */
  notices: Record<string, string>;
}

export const useTerminalStore = create<TerminalStore>(() => ({ sessions: {}, active: {}, prefs: {}, notices: {} }));

const live = new Map<string, TerminalSession>();
const findHandlers = new Map<string, () => void>();
let unwatchTheme: (() => void) | undefined;
let watchingEvents = false;

/** Closes a removed container's terminals (once, on the first terminal opened). */
function watchRemovals(client: BerthClient): void {
  if (watchingEvents) return;
  watchingEvents = true;
  client.subscribe(
    'engine.events',
    {},
    {
      onData(events) {
        for (const e of events) if (e.type === 'container' && e.action === 'destroy') closeTerminal(e.id);
      },
      onEnd() {
        watchingEvents = false;
      },
    },
  );
}

export function getSession(key: string): TerminalSession | undefined {
  return live.get(key);
}

/** Lets the view focus its search box on Ctrl+Shift+F inside the terminal. */
export function setFindHandler(key: string, fn: (() => void) | undefined): void {
  if (fn) findHandlers.set(key, fn);
  else findHandlers.delete(key);
}

function patch(key: string, s: Partial<SessionInfo>): void {
  useTerminalStore.setState((st) => {
    const cur = st.sessions[key];
    if (!cur) return st;
    return { sessions: { ...st.sessions, [key]: { ...cur, ...s } } };
  });
}

export function setPrefs(containerId: string, prefs: ConnectOptions): void {
  useTerminalStore.setState((st) => ({ prefs: { ...st.prefs, [containerId]: prefs } }));
}

export function setActive(containerId: string, key: string): void {
  useTerminalStore.setState((st) => ({ active: { ...st.active, [containerId]: key } }));
}

export function sessionsOf(sessions: Record<string, SessionInfo>, containerId: string): SessionInfo[] {
  return Object.values(sessions)
    .filter((s) => s.containerId === containerId)
    .sort((a, b) => a.number - b.number);
}

function watchTheme(): void {
  if (!unwatchTheme) unwatchTheme = onThemeChange(() => live.forEach((s) => s.applyTheme()));
}

/**
 * A session its view owns rather than this store (a pod's terminal, which ends when its view
 * closes): found by `key` while it lives, so the terminal view, its search and its menu work as for
 * a container's; `close` ends its stream and forgets it.
 */
export function viewSession(
  key: string,
  open: OpenStream,
  onState: (s: SessionState) => void,
): { session: TerminalSession; close(): void } {
  watchTheme();
  const session = new TerminalSession(
    key,
    1,
    {
      onState,
      onNotice: (text) => useTerminalStore.setState((st) => ({ notices: { ...st.notices, [key]: text } })),
      onFind: () => findHandlers.get(key)?.(),
    },
    false,
    open,
  );
  live.set(key, session);
  return {
    session,
    close: () => {
      session.dispose();
      if (live.get(key) === session) live.delete(key);
      findHandlers.delete(key);
    },
  };
}

/** Opens a new session for a container (a debug shell with `debug`) and makes it active. */
export function openSession(client: BerthClient, containerId: string, { debug = false } = {}): string {
  watchTheme();
  watchRemovals(client);
  const existing = sessionsOf(useTerminalStore.getState().sessions, containerId);
  const number = existing.reduce((m, s) => Math.max(m, s.number), 0) + 1;
  const key = `${containerId}#${number}`;
  const session = new TerminalSession(
    containerId,
    number,
    {
      onState: (s) => patch(key, { ...s, error: s.error }),
      onNotice: (text) => useTerminalStore.setState((st) => ({ notices: { ...st.notices, [key]: text } })),
      onFind: () => findHandlers.get(key)?.(),
    },
    debug,
  );
  live.set(key, session);
  useTerminalStore.setState((st) => ({
    sessions: {
      ...st.sessions,
      [key]: { key, containerId, number, status: 'connecting', ...(debug ? { debug: true } : {}) },
    },
    active: { ...st.active, [containerId]: key },
  }));
  session.connect(client, useTerminalStore.getState().prefs[containerId] ?? {});
  return key;
}

/** Opens the first session of a container unless one exists (safe to call twice). */
export function ensureSession(client: BerthClient, containerId: string): void {
  if (sessionsOf(useTerminalStore.getState().sessions, containerId).length === 0) openSession(client, containerId);
}

export function reconnect(client: BerthClient, key: string): void {
  const s = live.get(key);
  if (!s) return;
  s.term.write('\r\n');
  s.connect(client, useTerminalStore.getState().prefs[s.containerId] ?? {});
}

export function closeSession(key: string): void {
  const s = live.get(key);
  s?.dispose();
  live.delete(key);
  findHandlers.delete(key);
  useTerminalStore.setState((st) => {
    const sessions = { ...st.sessions };
    const info = sessions[key];
    delete sessions[key];
    const active = { ...st.active };
    if (info && active[info.containerId] === key) {
      const rest = sessionsOf(sessions, info.containerId);
      if (rest.length) active[info.containerId] = rest[rest.length - 1]!.key;
      else delete active[info.containerId];
    }
    const notices = { ...st.notices };
    delete notices[key];
    return { sessions, active, notices };
  });
}

/** Closes every terminal of a container (e.g. after it was removed). */
export function closeTerminal(containerId: string): void {
  for (const s of sessionsOf(useTerminalStore.getState().sessions, containerId)) closeSession(s.key);
}

/** Closes every terminal (e.g. when the engine goes away). */
export function closeAllTerminals(): void {
  for (const key of [...live.keys()]) closeSession(key);
}
