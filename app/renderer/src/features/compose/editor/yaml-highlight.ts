// A small YAML highlighter for compose files, line by line: keys, strings, numbers, booleans and
// null, comments, anchors and aliases, ${VARIABLES}, list dashes and block-scalar text. It only
// colours; the compose CLI decides what is valid.
export type TokenKind = 'key' | 'string' | 'number' | 'bool' | 'comment' | 'anchor' | 'var' | 'punct' | 'text';

export interface Token {
  text: string;
  kind: TokenKind;
}

const KEY =
  /^(\s*)((?:-\s+)*)("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{}[\],&*!|>%@`-][^#]*?|-[^\s#][^#]*?)(\s*:)(?=\s|$)/;
const DASHES = /^(\s*)((?:-(?:\s+|$))+)/;

/** Splits a value (what follows a key, or a list item) into tokens; `${VAR}` inside strings stands out. */
function valueTokens(s: string): Token[] {
  const out: Token[] = [];
  let rest = s;
  const push = (text: string, kind: TokenKind) => text && out.push({ text, kind });
  while (rest) {
    const ws = /^\s+/.exec(rest)?.[0];
    if (ws) {
      push(ws, 'text');
      rest = rest.slice(ws.length);
      continue;
    }
    let m: RegExpExecArray | null;
    if (rest.startsWith('#')) {
      push(rest, 'comment');
      break;
    }
    if ((m = /^("(?:[^"\\]|\\.)*"?|'(?:[^']|'')*'?)/.exec(rest))) {
      out.push(...withVars(m[0], 'string'));
      rest = rest.slice(m[0].length);
      continue;
    }
    if ((m = /^[&*][^\s,[\]{}]+/.exec(rest))) {
      push(m[0], 'anchor');
      rest = rest.slice(m[0].length);
      continue;
    }
    if ((m = /^[[\]{},]|^[|>][-+0-9]*(?=\s|$)/.exec(rest))) {
      push(m[0], 'punct');
      rest = rest.slice(m[0].length);
      continue;
    }
    // A plain word: up to whitespace followed by "#", or a flow delimiter.
    m = /^[^\s,[\]{}]+(?:[ \t]+(?!#)[^\s,[\]{}]+)*/.exec(rest)!;
    const word = m[0];
    const kind: TokenKind = /^(?:true|false|yes|no|on|off|null|~)$/i.test(word)
      ? 'bool'
      : /^[-+]?(?:\d[\d_]*(?:\.\d*)?(?:e[-+]?\d+)?|0x[0-9a-f]+|\.inf|\.nan)$/i.test(word)
        ? 'number'
        : 'string';
    out.push(...withVars(word, kind));
    rest = rest.slice(word.length);
  }
  return out;
}

/** Marks `${VAR}` and `$VAR` (not `$$`) inside a scalar. */
function withVars(text: string, kind: TokenKind): Token[] {
  const out: Token[] = [];
  const re = /\$\$|\$\{[^}]*\}?|\$[A-Za-z_][A-Za-z0-9_]*/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0] === '$$') continue;
    if (m.index > last) out.push({ text: text.slice(last, m.index), kind });
    out.push({ text: m[0], kind: 'var' });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), kind });
  return out;
}

export interface LineState {
  /** Inside a block scalar (after "|" or ">"): lines indented deeper than this are text. */
  blockIndent?: number;
}

/** The tokens of one line, and the state the next line starts in. */
export function highlightLine(line: string, state: LineState = {}): { tokens: Token[]; state: LineState } {
  const indent = /^\s*/.exec(line)![0].length;
  if (state.blockIndent !== undefined && (line.trim() === '' || indent > state.blockIndent))
    return { tokens: line ? [{ text: line, kind: 'string' }] : [], state };
  const tokens: Token[] = [];
  let next: LineState = {};
  if (/^\s*#/.test(line)) return { tokens: [{ text: line, kind: 'comment' }], state: next };
  if (/^(?:---|\.\.\.)\s*$/.test(line)) return { tokens: [{ text: line, kind: 'punct' }], state: next };
  let rest = line;
  const key = KEY.exec(line);
  if (key) {
    tokens.push({ text: key[1]!, kind: 'text' });
    if (key[2]) tokens.push({ text: key[2], kind: 'punct' });
    tokens.push({ text: key[3]!, kind: 'key' }, { text: key[4]!, kind: 'punct' });
    rest = line.slice(key[0].length);
  } else {
    const dash = DASHES.exec(line);
    if (dash) {
      tokens.push({ text: dash[1]!, kind: 'text' }, { text: dash[2]!, kind: 'punct' });
      rest = line.slice(dash[0].length);
    }
  }
  const value = valueTokens(rest);
  tokens.push(...value);
  const lastReal = [...value].reverse().find((t) => t.kind !== 'text' && t.kind !== 'comment');
  if (lastReal?.kind === 'punct' && /^[|>]/.test(lastReal.text)) next = { blockIndent: indent };
  return { tokens: tokens.filter((t) => t.text), state: next };
}

/** Every line's tokens. */
export function highlightYaml(text: string): Token[][] {
  let state: LineState = {};
  return text.split('\n').map((line) => {
    const r = highlightLine(line, state);
    state = r.state;
    return r.tokens;
  });
}
