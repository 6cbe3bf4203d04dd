// The terminal's context menu (right-click, the Menu key or Shift+F10): Copy, Paste, Select all, Clear.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { getSession } from './terminal-store';

export interface MenuPosition {
  x: number;
  y: number;
}

export function TerminalMenu({ sessionKey, at, onClose }: { sessionKey: string; at: MenuPosition; onClose(): void }) {
  const ref = useRef<HTMLDivElement>(null);
  const session = getSession(sessionKey);
  const close = useRef(onClose);
  close.current = onClose;

  useEffect(() => {
    ref.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
    const outside = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) close.current();
    };
    window.addEventListener('mousedown', outside, true);
    return () => window.removeEventListener('mousedown', outside, true);
  }, []);

  if (!session) return null;
  const done = (fn: () => void) => () => {
    close.current();
    fn();
  };
  const items = [
    { label: 'Copy', disabled: !session.term.hasSelection(), run: () => void session.copy() },
    { label: 'Paste', disabled: false, run: () => void session.paste() },
    { label: 'Select all', disabled: false, run: () => (session.term.selectAll(), session.term.focus()) },
    { label: 'Clear', disabled: false, run: () => session.clear() },
  ];

  const onKeyDown = (e: KeyboardEvent) => {
    const buttons = [...(ref.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? [])];
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = (i + (e.key === 'ArrowDown' ? 1 : -1) + buttons.length) % buttons.length;
      buttons[next]?.focus();
    } else if (e.key === 'Escape' || e.key === 'Tab') {
      e.preventDefault();
      close.current();
      session.term.focus();
    }
  };

  return (
    <div
      ref={ref}
      role="menu"
      aria-label="Terminal"
      className="term-menu"
      style={{ left: at.x, top: at.y }}
      onKeyDown={onKeyDown}
    >
      {items.map((it) => (
        <button key={it.label} type="button" role="menuitem" disabled={it.disabled} onClick={done(it.run)}>
          {it.label}
        </button>
      ))}
    </div>
  );
}
