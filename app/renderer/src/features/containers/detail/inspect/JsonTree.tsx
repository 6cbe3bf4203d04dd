// A collapsible JSON tree: objects and arrays are buttons with aria-expanded; values are text.
import type { ReactNode } from 'react';
import { isContainer, valueText, type Json } from './json-filter';

export interface JsonTreeProps {
  value: Json;
  expanded: ReadonlySet<string>;
  /** Expand everything (while filtering). */
  forceOpen: boolean;
  query: string;
  onToggle(path: string): void;
}

function Highlight({ text, query }: { text: string; query: string }): ReactNode {
  const q = query.trim().toLowerCase();
  if (!q) return text;
  const parts: ReactNode[] = [];
  const lower = text.toLowerCase();
  let i = 0;
  for (let at = lower.indexOf(q); at !== -1; at = lower.indexOf(q, at + q.length)) {
    if (at > i) parts.push(text.slice(i, at));
    parts.push(
      <mark key={at} className="json-mark">
        {text.slice(at, at + q.length)}
      </mark>,
    );
    i = at + q.length;
  }
  if (i < text.length) parts.push(text.slice(i));
  return parts;
}

function summary(v: Json[] | { [k: string]: Json }): string {
  if (Array.isArray(v)) {
    const n = v.filter(() => true).length;
    return `[ ${n} ${n === 1 ? 'item' : 'items'} ]`;
  }
  const n = Object.keys(v).length;
  return `{ ${n} ${n === 1 ? 'key' : 'keys'} }`;
}

function Node(p: JsonTreeProps & { name: string | null; path: string; depth: number }) {
  const { value, name, path } = p;
  const label =
    name === null ? null : (
      <span className="json-key">
        <Highlight text={name} query={p.query} />
      </span>
    );
  if (!isContainer(value)) {
    const kind = value === null ? 'null' : typeof value;
    return (
      <li className="json-leaf">
        {label}
        {label && <span className="json-colon">: </span>}
        <span className={`json-value json-${kind}`}>
          <Highlight text={valueText(value)} query={p.query} />
        </span>
      </li>
    );
  }
  const open = p.forceOpen || p.expanded.has(path);
  const entries = Object.entries(value);
  return (
    <li className="json-branch">
      <button type="button" className="json-toggle" aria-expanded={open} onClick={() => p.onToggle(path)}>
        <span className="json-caret" aria-hidden="true">
          {open ? '▾' : '▸'}
        </span>
        {label ?? <span className="json-key">Inspect</span>}
        <span className="json-summary"> {summary(value)}</span>
      </button>
      {open && entries.length > 0 && (
        <ul className="json-children">
          {entries.map(([k, v]) =>
            v === undefined ? null : (
              <Node key={k} {...p} value={v} name={k} path={`${path}/${k}`} depth={p.depth + 1} />
            ),
          )}
        </ul>
      )}
    </li>
  );
}

export function JsonTree(p: JsonTreeProps) {
  return (
    <ul className="json-tree">
      <Node {...p} name={null} path="" depth={0} />
    </ul>
  );
}
