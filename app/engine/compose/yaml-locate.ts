// Places a compose problem in its file: a dotted path the CLI names ("services.web.ports") becomes
// the line and column of that key or value, and a variable the CLI warns about becomes its first use.
import { isMap, isPair, isScalar, LineCounter, parseDocument, type Node } from 'yaml';

export interface Place {
  line: number;
  column: number;
}

function placeOf(counter: LineCounter, offset: number): Place {
  const { line, col } = counter.linePos(offset);
  return { line, column: col };
}

/**
 * The place of `path` in YAML `text`: its key (`at: 'key'`) or its value. When the path goes deeper
 * than the text (a key that is missing), the deepest part that exists. Undefined when the text does
 * not parse or the first part is not there.
 */
export function locatePath(text: string, path: readonly string[], at: 'key' | 'value'): Place | undefined {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, keepSourceTokens: false, uniqueKeys: false });
  let node: unknown = doc.contents;
  let found: Place | undefined;
  for (let i = 0; i < path.length; i++) {
    if (!isMap(node)) break;
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === path[i]);
    if (!pair) break;
    const last = i === path.length - 1;
    const key = pair.key as Node;
    const value = pair.value as Node | null;
    const target = last && at === 'value' && value?.range ? value : key;
    if (target.range) found = placeOf(counter, target.range[0]);
    node = value;
  }
  return found;
}

/** The first use of `$NAME` or `${NAME…}` in `text` (not `$$NAME`, which is a literal dollar). */
export function locateVariable(text: string, name: string): Place | undefined {
  const re = new RegExp(`(?<!\\$)\\$(?:\\{${name}(?=[}:?-])|${name}(?![A-Za-z0-9_]))`);
  const m = re.exec(text);
  if (!m) return undefined;
  const before = text.slice(0, m.index);
  const line = before.split('\n').length;
  return { line, column: m.index - before.lastIndexOf('\n') };
}
