// The toolbar pieces a container's Terminal tab and a pod's share: the shell picker, a session's
// status line, Reconnect, and the search box with Copy, Paste and Clear on the shown session.
import type { SessionState } from './session';
import { SHELLS, statusText } from './status-text';
import { getSession } from './terminal-store';
import { TerminalSearch } from './TerminalSearch';
import { ToolbarSelect } from '../common/ToolbarSelect';

/** The shell to run; '' lets the terminal choose (bash, else sh). A shell of the user's own is added to the list. */
export function ShellSelect({ value, onChange }: { value: string; onChange(shell: string): void }) {
  const choices = value && !SHELLS.some((s) => s.value === value) ? [...SHELLS, value] : SHELLS;
  return <ToolbarSelect label="Shell" choices={choices} value={value} onChange={onChange} />;
}

/** What the session is doing, read out as it changes; `ended` dims it. */
export function SessionStatus({ state, ended = false }: { state: SessionState; ended?: boolean }) {
  return (
    <span className={ended ? 'term-state term-state-ended' : 'term-state'} role="status" aria-live="polite">
      {statusText(state)}
    </span>
  );
}

export function ReconnectButton({ disabled, onClick }: { disabled?: boolean; onClick(): void }) {
  return (
    <button type="button" className="bd-btn bd-btn-primary" disabled={disabled} onClick={onClick}>
      Reconnect
    </button>
  );
}

/**
 * Search, Copy, Paste and Clear on the session `sessionKey`; `search` shows the search box (once the
 * session's terminal is there). Without a session they are disabled; Paste also once it has ended.
 */
export function SessionActions({
  sessionKey,
  search,
  ended,
}: {
  sessionKey: string | undefined;
  search: boolean;
  ended: boolean;
}) {
  const session = () => (sessionKey ? getSession(sessionKey) : undefined);
  return (
    <>
      {search && sessionKey && <TerminalSearch key={sessionKey} sessionKey={sessionKey} />}
      <button type="button" className="bd-btn" disabled={!sessionKey} onClick={() => void session()?.copy()}>
        Copy
      </button>
      <button type="button" className="bd-btn" disabled={!sessionKey || ended} onClick={() => void session()?.paste()}>
        Paste
      </button>
      <button type="button" className="bd-btn" disabled={!sessionKey} onClick={() => session()?.clear()}>
        Clear
      </button>
    </>
  );
}
