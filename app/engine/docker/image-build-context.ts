// The build context as a tar stream, honouring .dockerignore the way the docker CLI does
// (moby's patternmatcher: "*", "?", "**", "[…]", "!" exceptions, last match wins, a pattern
// that matches a parent folder excludes everything below it). The Dockerfile and .dockerignore
// are always sent, as the CLI does.
import { createReadStream, lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { TAR_END, tarHeader, tarPadding, type TarWriteEntry } from './container-files-tar';

interface Pattern {
  text: string;
  exclusion: boolean;
  re: RegExp;
}

function clean(p: string): string {
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/') || '.';
}

function compile(pattern: string): RegExp {
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*') {
      if (pattern[i + 1] === '*') {
        i++;
        if (pattern[i + 1] === '/') i++;
        re += i + 1 >= pattern.length ? '.*' : '(.*/)?';
      } else re += '[^/]*';
    } else if (ch === '?') re += '[^/]';
    else if (ch === '\\' && i + 1 < pattern.length) re += `\\${pattern[++i]}`;
    else if ('.+()|{}$^'.includes(ch)) re += `\\${ch}`;
    else re += ch;
  }
  try {
    return new RegExp(`${re}$`);
  } catch {
    return /(?!)/; // an unparseable class matches nothing, as the engine would refuse it anyway
  }
}

/** Parses .dockerignore text into patterns. */
export function parseDockerignore(text: string): Pattern[] {
  const out: Pattern[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    let exclusion = false;
    if (line.startsWith('!')) {
      exclusion = true;
      line = line.slice(1).trim();
    }
    let p = clean(line);
    if (p.length > 1 && p.startsWith('/')) p = p.slice(1);
    out.push({ text: p, exclusion, re: compile(p) });
  }
  return out;
}

/** True when `path` (relative, "/"-separated) is left out of the context. */
export function isExcluded(patterns: Pattern[], path: string): boolean {
  const parents = path.split('/').slice(0, -1);
  let matched = false;
  for (const p of patterns) {
    if (p.exclusion !== matched) continue;
    let match = p.re.test(path);
    for (let i = 1; !match && i <= parents.length; i++) match = p.re.test(parents.slice(0, i).join('/'));
    if (match) matched = !p.exclusion;
  }
  return matched;
}

/** The context's entries in walk order (folders before their contents). */
export function contextEntries(dir: string, dockerfile: string): TarWriteEntry[] {
  let text = '';
  try {
    text = readFileSync(join(dir, '.dockerignore'), 'utf8');
  } catch {
    /* no .dockerignore */
  }
  const patterns = parseDockerignore(text);
  const keep = [`!${clean(dockerfile)}`, '!.dockerignore'].map((t) => ({
    text: t.slice(1),
    exclusion: true,
    re: compile(t.slice(1)),
  }));
  const all = [...patterns, ...keep];
  const out: TarWriteEntry[] = [];
  const walk = (rel: string) => {
    const names = readdirSync(join(dir, rel)).sort();
    for (const name of names) {
      const path = rel ? `${rel}/${name}` : name;
      const st = lstatSync(join(dir, path));
      const excluded = isExcluded(all, path);
      if (excluded) {
        // an excluded folder is still walked when an exception may match inside it
        if (!st.isDirectory() || !all.some((p) => p.exclusion && `${p.text}/`.startsWith(`${path}/`))) continue;
      }
      const base = { name: path, mode: st.mode & 0o7777, mtime: Math.floor(st.mtimeMs / 1000) };
      if (st.isDirectory()) {
        if (!excluded) out.push({ ...base, type: 'dir', size: 0 });
        walk(path);
      } else if (st.isSymbolicLink())
        out.push({ ...base, type: 'symlink', size: 0, linkTarget: readlinkSync(join(dir, path)) });
      else if (st.isFile()) out.push({ ...base, type: 'file', size: st.size });
    }
  };
  walk('');
  return out;
}

async function* pack(dir: string, entries: TarWriteEntry[]): AsyncGenerator<Buffer> {
  for (const e of entries) {
    yield tarHeader(e);
    if (e.type !== 'file' || e.size === 0) continue;
    let sent = 0;
    for await (const chunk of createReadStream(join(dir, e.name), { end: e.size - 1 })) {
      const c = chunk as Buffer;
      sent += c.length;
      yield c;
    }
    // a file that shrank while being read is padded, so the archive stays well-formed
    if (sent < e.size) yield Buffer.alloc(e.size - sent);
    yield tarPadding(e.size);
  }
  yield TAR_END;
}

/** The context directory as an uncompressed tar stream. */
export function packContext(dir: string, dockerfile: string): Readable {
  return Readable.from(pack(dir, contextEntries(dir, dockerfile)), { objectMode: false });
}
