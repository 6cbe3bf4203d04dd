// The engine's own log (Berth's managed engine), live: the last lines, then each new one as the
// engine writes it. Follows the bottom unless the user scrolled up.
import { useEffect, useRef, useState } from 'react';
import { usePageVisible, useStream } from '../../api/hooks';

const KEEP = 2000;

export function EngineLog() {
  const visible = usePageVisible();
  const [lines, setLines] = useState<string[]>([]);
  const [note, setNote] = useState<string>();
  const [error, setError] = useState<string>();
  const ref = useRef<HTMLPreElement>(null);
  const stick = useRef(true);
  useStream('engine.log', { lines: 300 }, 'engine-log', {
    enabled: visible,
    onData(items) {
      setError(undefined);
      setLines((prev) => {
        let next = prev;
        for (const it of items) {
          if (it.kind === 'reset') {
            next = [];
            setNote(undefined);
          } else if (it.kind === 'note') setNote(it.text);
          else next = next === prev ? [...prev, it.text] : (next.push(it.text), next);
        }
        return next.length > KEEP ? next.slice(-KEEP) : next;
      });
    },
    onEnd(e) {
      if (e) setError(e.message);
    },
  });
  const text = lines.join('\n');
  useEffect(() => {
    const el = ref.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [text]);
  return (
    <div className="card wide-card" role="region" aria-label="Engine log">
      <h2>Engine log</h2>
      {error && <p className="error-text">{error}</p>}
      {note ? (
        <p className="muted">{note}</p>
      ) : (
        <pre
          ref={ref}
          className="engine-log"
          tabIndex={0}
          aria-label="Engine log lines"
          aria-live="off"
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
