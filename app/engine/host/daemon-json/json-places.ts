// A strict JSON reader that knows where things are: a syntax error at its line and column (Node's
// JSON.parse no longer says where), and the line and column of every key, so a problem with a
// setting points at it in the editor. Duplicate keys are reported (dockerd would silently take the
// last one).

export interface Place {
  line: number;
  column: number;
}

export interface JsonSyntaxError extends Place {
  message: string;
}

export interface PlacedJson {
  value: unknown;
  /** Where each key is, by its path: "log-opts" and "log-opts.max-size", "registry-mirrors[0]" for items. */
  places: Map<string, Place>;
  duplicates: { key: string; place: Place }[];
}

const MAX_DEPTH = 64;

class Failure extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

export function placeOf(text: string, offset: number): Place {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

const describe = (ch: string | undefined) => (ch === undefined ? 'the end of the text' : `"${ch}"`);

export function parseJsonWithPlaces(
  text: string,
): { ok: true; json: PlacedJson } | { ok: false; error: JsonSyntaxError } {
  let i = 0;
  const places = new Map<string, Place>();
  const duplicates: PlacedJson['duplicates'] = [];

  const ws = () => {
    for (;;) {
      const c = text[i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
      else if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*'))
        throw new Failure('JSON has no comments: remove it.', i);
      else return;
    }
  };

  const string = (): string => {
    const start = i;
    i++; // opening quote
    let out = '';
    for (;;) {
      const c = text[i];
      if (c === undefined || c === '\n') throw new Failure('This string is not closed: add the closing ".', start);
      if (c === '"') {
        i++;
        return out;
      }
      if (c === '\\') {
        const e = text[i + 1];
        const simple: Record<string, string> = {
          '"': '"',
          '\\': '\\',
          '/': '/',
          b: '\b',
          f: '\f',
          n: '\n',
          r: '\r',
          t: '\t',
        };
        if (e !== undefined && simple[e] !== undefined) {
          out += simple[e];
          i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else throw new Failure(`"\\${e ?? ''}" is not an escape JSON knows.`, i);
        continue;
      }
      if (c < ' ') throw new Failure('A control character must be escaped in a JSON string.', i);
      out += c;
      i++;
    }
  };

  const value = (path: string, depth: number): unknown => {
    if (depth > MAX_DEPTH) throw new Failure(`The settings nest deeper than ${MAX_DEPTH} levels.`, i);
    ws();
    const c = text[i];
    if (c === '{') return object(path, depth);
    if (c === '[') return array(path, depth);
    if (c === '"') return string();
    const num = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (num && (c === '-' || (c !== undefined && c >= '0' && c <= '9'))) {
      i += num[0].length;
      return Number(num[0]);
    }
    for (const [word, v] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    if (c === "'") throw new Failure('JSON strings use double quotes ("), not single quotes.', i);
    throw new Failure(`Expected a value here, found ${describe(c)}.`, i);
  };

  /** Past an object's or a list's opening bracket: true when `close` follows at once (read: it is empty). */
  const isEmpty = (close: '}' | ']'): boolean => {
    i++;
    ws();
    if (text[i] !== close) return false;
    i++;
    return true;
  };

  /** After an item of an object or a list: true at its `close` (read), false after a "," (read); else a sentence. */
  const endOfItem = (close: '}' | ']', unclosed: string, where: string): boolean => {
    ws();
    const at = text[i];
    if (at === ',' || at === close) {
      i++;
      return at === close;
    }
    throw new Failure(at === undefined ? unclosed : `Expected "," or "${close}" ${where}, found ${describe(at)}.`, i);
  };

  const object = (path: string, depth: number): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    if (isEmpty('}')) return out;
    for (;;) {
      ws();
      if (text[i] !== '"') {
        if (text[i] === '}') throw new Failure('JSON allows no comma before "}": remove it.', i);
        throw new Failure(`Expected a key in double quotes, found ${describe(text[i])}.`, i);
      }
      const at = placeOf(text, i);
      const key = string();
      const keyPath = path ? `${path}.${key}` : key;
      if (Object.prototype.hasOwnProperty.call(out, key)) duplicates.push({ key: keyPath, place: at });
      else places.set(keyPath, at);
      ws();
      if (text[i] !== ':') throw new Failure(`Expected ":" after the key "${key}", found ${describe(text[i])}.`, i);
      i++;
      const v = value(keyPath, depth + 1);
      Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
      if (endOfItem('}', 'The text ends inside an object: a "}" is missing.', `after the value of "${key}"`))
        return out;
    }
  };

  const array = (path: string, depth: number): unknown[] => {
    const out: unknown[] = [];
    if (isEmpty(']')) return out;
    for (;;) {
      ws();
      if (text[i] === ']') throw new Failure('JSON allows no comma before "]": remove it.', i);
      places.set(`${path}[${out.length}]`, placeOf(text, i));
      out.push(value(`${path}[${out.length}]`, depth + 1));
      if (endOfItem(']', 'The text ends inside a list: a "]" is missing.', 'after a list item')) return out;
    }
  };

  try {
    ws();
    if (i >= text.length) throw new Failure('The settings are empty: write {} for no settings.', i);
    const v = value('', 0);
    ws();
    if (i < text.length) throw new Failure(`Unexpected ${describe(text[i])} after the end of the settings.`, i);
    return { ok: true, json: { value: v, places, duplicates } };
  } catch (err) {
    if (!(err instanceof Failure)) throw err;
    return { ok: false, error: { message: err.message, ...placeOf(text, err.at) } };
  }
}
