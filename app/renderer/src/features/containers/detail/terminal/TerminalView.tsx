// Shows one session's xterm element inside the panel, fitted to it and refitted as it resizes.
// Unmounting only detaches the element: the session and its screen stay alive.
import { useLayoutEffect, useRef } from 'react';
import { getSession } from './terminal-store';

export function TerminalView({ sessionKey, label }: { sessionKey: string; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
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
  return <div ref={ref} className="term-view" role="group" aria-label={label} />;
}
