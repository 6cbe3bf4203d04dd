// Search in the active terminal's screen and scrollback (xterm's search addon).
import { useEffect, useRef, useState } from 'react';
import type { ISearchOptions } from '@xterm/addon-search';
import { getSession, setFindHandler } from './terminal-store';

function decorations(): ISearchOptions['decorations'] {
  const s = getComputedStyle(document.documentElement);
  const warn = s.getPropertyValue('--warning').trim() || '#b7791f';
  const accent = s.getPropertyValue('--accent').trim() || '#2f6fed';
  return {
    matchBackground: warn + '66',
    matchOverviewRuler: warn,
    activeMatchBackground: accent + '99',
    activeMatchColorOverviewRuler: accent,
  };
}

export function TerminalSearch({ sessionKey }: { sessionKey: string }) {
  const [query, setQuery] = useState('');
  const [result, setResult] = useState<{ index: number; count: number }>();
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const s = getSession(sessionKey);
    if (!s) return;
    const sub = s.search.onDidChangeResults((r) => setResult({ index: r.resultIndex, count: r.resultCount }));
    setFindHandler(sessionKey, () => {
      input.current?.focus();
      input.current?.select();
    });
    return () => {
      sub.dispose();
      setFindHandler(sessionKey, undefined);
      try {
        s.search.clearDecorations();
      } catch {
        // the session was closed (its terminal disposed) before this view went away
      }
    };
  }, [sessionKey]);

  const find = (dir: 1 | -1, q = query) => {
    const s = getSession(sessionKey);
    if (!s) return;
    if (!q) {
      s.search.clearDecorations();
      setResult(undefined);
      return;
    }
    const opts: ISearchOptions = { decorations: decorations() };
    if (dir > 0) s.search.findNext(q, { ...opts, incremental: false });
    else s.search.findPrevious(q, opts);
  };

  const count =
    !query || !result
      ? ''
      : result.count === 0
        ? 'No matches'
        : `${result.index >= 0 ? result.index + 1 : '?'} of ${result.count}`;
  return (
    <div className="term-search" role="search">
      <input
        ref={input}
        className="bd-input"
        type="search"
        aria-label="Search terminal"
        placeholder="Search terminal"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          const s = getSession(sessionKey);
          if (s && e.target.value) s.search.findNext(e.target.value, { incremental: true, decorations: decorations() });
          else find(1, '');
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            find(e.shiftKey ? -1 : 1);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            setQuery('');
            find(1, '');
            getSession(sessionKey)?.term.focus();
          }
        }}
      />
      <span className="bd-status" role="status" aria-live="polite">
        {count}
      </span>
      <button type="button" className="bd-btn" aria-label="Previous match" disabled={!query} onClick={() => find(-1)}>
        ↑
      </button>
      <button type="button" className="bd-btn" aria-label="Next match" disabled={!query} onClick={() => find(1)}>
        ↓
      </button>
    </div>
  );
}
