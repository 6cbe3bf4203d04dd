// Shows one session's xterm element inside the panel, fitted to it and refitted as it resizes.
// Unmounting only detaches the element: the session and its screen stay alive.
import { useLayoutEffect, useRef, useState } from 'react';
import { getSession } from './terminal-store';
import { TerminalMenu, type MenuPosition } from './TerminalMenu';

export function TerminalView({ sessionKey, label }: { sessionKey: string; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [menu, setMenu] = useState<MenuPosition>();
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
    s.term.focus();
    return () => {
      ro.disconnect();
      cancelAnimationFrame(frame);
      s.detach();
    };
  }, [sessionKey]);

  return (
    <div
      className="term-frame"
      onContextMenu={(e) => {
        e.preventDefault();
        const r = e.currentTarget.getBoundingClientRect();
        setMenu({ x: Math.min(e.clientX - r.left, r.width - 160), y: Math.min(e.clientY - r.top, r.height - 140) });
      }}
      onKeyDownCapture={(e) => {
        if (e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10')) {
          e.preventDefault();
          e.stopPropagation();
          setMenu({ x: 16, y: 16 });
        }
      }}
    >
      <div ref={ref} className="term-view" role="group" aria-label={label} />
      {menu && <TerminalMenu sessionKey={sessionKey} at={menu} onClose={() => setMenu(undefined)} />}
    </div>
  );
}
