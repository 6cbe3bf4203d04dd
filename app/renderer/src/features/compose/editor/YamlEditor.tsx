// A light YAML editor: a plain textarea (so typing, selection, undo, IME and screen readers work as
// they do everywhere) over a highlighted copy of the same text, with line numbers and the lines that
// have problems marked. Tab indents by two spaces; Escape, then Tab, leaves the editor.
import { forwardRef, useId, useImperativeHandle, useMemo, useRef, useState } from 'react';
import { highlightYaml } from './yaml-highlight';

export interface YamlEditorHandle {
  /** Puts the caret at a line and column (1-based) and scrolls there. */
  goTo(line: number, column?: number): void;
}

export interface LineMark {
  line: number;
  severity: 'error' | 'warning';
  message: string;
}

/** The offset of a 1-based line and column in `text`. */
export function offsetOf(text: string, line: number, column = 1): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  const end = text.indexOf('\n', offset);
  return Math.min(offset + column - 1, end < 0 ? text.length : end);
}

export const YamlEditor = forwardRef<
  YamlEditorHandle,
  {
    label: string;
    value: string;
    onChange(text: string): void;
    marks?: readonly LineMark[];
    readOnly?: boolean;
  }
>(function YamlEditor({ label, value, onChange, marks = [], readOnly }, ref) {
  const area = useRef<HTMLTextAreaElement>(null);
  const overlay = useRef<HTMLPreElement>(null);
  const gutter = useRef<HTMLDivElement>(null);
  const escaped = useRef(false);
  const hintId = useId();
  const [caret, setCaret] = useState({ line: 1, column: 1 });
  const lines = useMemo(() => highlightYaml(value), [value]);
  const markOf = useMemo(() => {
    const m = new Map<number, LineMark>();
    for (const k of marks) if (!m.has(k.line) || k.severity === 'error') m.set(k.line, k);
    return m;
  }, [marks]);

  const syncScroll = () => {
    const a = area.current;
    if (!a) return;
    if (overlay.current) {
      overlay.current.scrollTop = a.scrollTop;
      overlay.current.scrollLeft = a.scrollLeft;
    }
    if (gutter.current) gutter.current.scrollTop = a.scrollTop;
  };
  const trackCaret = () => {
    const a = area.current;
    if (!a) return;
    const before = a.value.slice(0, a.selectionStart);
    const line = before.split('\n').length;
    setCaret({ line, column: a.selectionStart - before.lastIndexOf('\n') });
  };

  useImperativeHandle(ref, () => ({
    goTo(line, column = 1) {
      const a = area.current;
      if (!a) return;
      const at = offsetOf(a.value, line, column);
      a.focus();
      a.setSelectionRange(at, at);
      const lineHeight = parseFloat(getComputedStyle(a).lineHeight) || 20;
      a.scrollTop = Math.max(0, (line - 3) * lineHeight);
      syncScroll();
      trackCaret();
    },
  }));

  const onKeyDown = (e: React.KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Escape') {
      escaped.current = true;
      return;
    }
    if (e.key === 'Tab' && !escaped.current && !readOnly && !e.ctrlKey && !e.altKey && !e.metaKey) {
      e.preventDefault();
      const a = e.currentTarget;
      const { selectionStart: s, selectionEnd: end } = a;
      const text = a.value;
      if (e.shiftKey) {
        const lineStart = text.lastIndexOf('\n', s - 1) + 1;
        const strip = /^ {1,2}/.exec(text.slice(lineStart))?.[0].length ?? 0;
        if (!strip) return;
        onChange(text.slice(0, lineStart) + text.slice(lineStart + strip));
        requestAnimationFrame(() =>
          a.setSelectionRange(Math.max(lineStart, s - strip), Math.max(lineStart, end - strip)),
        );
      } else if (!document.execCommand?.('insertText', false, '  ')) {
        // execCommand keeps the browser's undo history; where it is missing, set the text directly.
        onChange(`${text.slice(0, s)}  ${text.slice(end)}`);
        requestAnimationFrame(() => a.setSelectionRange(s + 2, s + 2));
      }
      return;
    }
    escaped.current = false;
  };

  return (
    <div className="yaml-editor">
      <div className="yaml-gutter" ref={gutter} aria-hidden="true">
        {lines.map((_, i) => {
          const mark = markOf.get(i + 1);
          return (
            <div key={i} className={mark ? `yaml-ln ${mark.severity}` : 'yaml-ln'} title={mark?.message}>
              {i + 1}
            </div>
          );
        })}
      </div>
      <div className="yaml-body">
        <pre className="yaml-overlay" ref={overlay} aria-hidden="true">
          {lines.map((tokens, i) => (
            <div key={i} className={markOf.has(i + 1) ? `yaml-line ${markOf.get(i + 1)!.severity}` : 'yaml-line'}>
              {tokens.map((t, j) =>
                t.kind === 'text' ? (
                  t.text
                ) : (
                  <span key={j} className={`yk-${t.kind}`}>
                    {t.text}
                  </span>
                ),
              )}
              {'\n'}
            </div>
          ))}
        </pre>
        <textarea
          ref={area}
          className="yaml-input"
          aria-label={label}
          aria-describedby={hintId}
          value={value}
          readOnly={readOnly}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          autoCorrect="off"
          wrap="off"
          onChange={(e) => onChange(e.target.value)}
          onScroll={syncScroll}
          onKeyDown={onKeyDown}
          onKeyUp={trackCaret}
          onClick={trackCaret}
          onSelect={trackCaret}
        />
      </div>
      <div className="yaml-status" id={hintId}>
        <span>
          Line {caret.line}, column {caret.column}
        </span>
        <span className="muted">Tab indents · Escape, then Tab, leaves the editor</span>
      </div>
    </div>
  );
});
