// The engine's own log (Berth's managed engine), refreshed every 2 s while the page is visible.
import { useEffect, useRef } from 'react';
import { usePageVisible, useRequest } from '../../api/hooks';

export function EngineLog() {
  const visible = usePageVisible();
  const q = useRequest('engine.logTail', { lines: 300 }, { refetchInterval: visible ? 2000 : false });
  const ref = useRef<HTMLPreElement>(null);
  const stick = useRef(true);
  const text = q.data?.lines.join('\n') ?? '';
  useEffect(() => {
    const el = ref.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [text]);
  return (
    <div className="card wide-card" role="region" aria-label="Engine log">
      <h2>Engine log</h2>
      {q.error && <p className="error-text">{q.error.message}</p>}
      {q.data?.note && <p className="muted">{q.data.note}</p>}
      {q.data && !q.data.note && (
        <pre
          ref={ref}
          className="engine-log"
          tabIndex={0}
          aria-label="Engine log lines"
          onScroll={(e) => {
            const el = e.currentTarget;
            stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
          }}
        >
          {text || 'The log is empty.'}
        </pre>
      )}
    </div>
  );
}
