// Shows one session's xterm element inside the panel, fitted to it and refitted as it resizes.
// Unmounting only detaches the element: the session and its screen stay alive. Every key goes to
// the shell (Tab and Escape too); Ctrl+Shift+E (Cmd+Shift+E) leaves the terminal for the controls
// above it, as the hint below it says and screen readers are told.
import { useId, useLayoutEffect, useRef, useState } from 'react';
import { isMacPlatform, leaveChord, terminalKeyAction } from './keys';
import { getSession } from './terminal-store';
import { TerminalMenu, type MenuPosition } from './TerminalMenu';

const mac = typeof navigator !== 'undefined' && isMacPlatform(navigator.platform || navigator.userAgent);

/** Focus leaves the terminal for the selected session tab, else the first control of the terminal tab. */
export function leaveTerminal(from: HTMLElement): void {
  const tab = from.closest('.term-tab') ?? from.parentElement;
  const target =
    tab?.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]') ??
    tab?.querySelector<HTMLElement>('button:not([disabled]), select, input');
  target?.focus();
}

export function TerminalView({ sessionKey, label }: { sessionKey: string; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [menu, setMenu] = useState<MenuPosition>();
  const hintId = useId();
  useLayoutEffect(() => {
    const s = getSession(sessionKey);
    const el = ref.current;
    if (!s || !el) return;
    s.attach(el);
    let frame = 0;
    const ro = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => s.fitNow());
    });
    ro.observe(el);
    // xterm's own input box is what has focus: it tells screen readers how to get out
    s.term.textarea?.setAttribute('aria-describedby', hintId);
    s.term.focus();
    return () => {
      ro.disconnect();
      cancelAnimationFrame(frame);
      s.detach();
    };
  }, [sessionKey, hintId]);

  return (
    <div
      className="term-frame"
      onContextMenu={(e) => {
        e.preventDefault();
        const r = e.currentTarget.getBoundingClientRect();
        setMenu({ x: Math.min(e.clientX - r.left, r.width - 160), y: Math.min(e.clientY - r.top, r.height - 140) });
      }}
      onKeyDownCapture={(e) => {
        if (terminalKeyAction(e.nativeEvent, mac) === 'leave') {
          e.preventDefault();
          e.stopPropagation();
          leaveTerminal(e.currentTarget);
          return;
        }
        if (e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10')) {
          e.preventDefault();
          e.stopPropagation();
          setMenu({ x: 16, y: 16 });
        }
      }}
    >
      <div ref={ref} className="term-view" role="group" aria-label={label} aria-describedby={hintId} />
      <p className="term-keys-hint" id={hintId}>
        Keys go to the shell, Tab and Escape too. {leaveChord(mac)} leaves the terminal; Shift+F10 opens its menu.
      </p>
      {menu && <TerminalMenu sessionKey={sessionKey} at={menu} onClose={() => setMenu(undefined)} />}
    </div>
  );
}
