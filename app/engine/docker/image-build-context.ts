// The build context as a tar stream, honouring .dockerignore the way the docker CLI does. The
// matching is @balena/dockerignore (a port of moby's patternmatcher: "*", "?", "**", "[…]", "!"
// exceptions, last match wins, a pattern that matches a parent folder excludes everything below
// it). The Dockerfile and .dockerignore are always sent, as the CLI does.
import dockerignore, { type Ignore } from '@balena/dockerignore';
import { createReadStream, lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { TAR_END, tarHeader, tarPadding, type TarWriteEntry } from './container-files-tar';

/** A .dockerignore, parsed: the matcher, and the exceptions ("!…") whose folders must still be walked. */
export interface IgnoreRules {
  matcher: Ignore;
  exceptions: string[];
}

/** A pattern as the matcher cleans it: no "." or ".." segments, no leading "/". */
function clean(p: string): string {
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/') || '.';
}

/** Parses .dockerignore text, plus exceptions that always apply (the Dockerfile, .dockerignore). */
export function parseDockerignore(text: string, keep: string[] = []): IgnoreRules {
  const lines = [...text.split(/\r?\n/), ...keep.map((k) => `!${k}`)];
  const exceptions = lines
    .map((l) => l.trim())
    .filter((l) => l.startsWith('!'))
    .map((l) => clean(l.slice(1).trim()));
  return { matcher: dockerignore().add(lines), exceptions };
}

/** True when `path` (relative, "/"-separated) is left out of the context. */
export function isExcluded(rules: IgnoreRules, path: string): boolean {
  return rules.matcher.ignores(path);
}

/** The context's entries in walk order (folders before their contents). */
export function contextEntries(dir: string, dockerfile: string): TarWriteEntry[] {
  let text = '';
  try {
    text = readFileSync(join(dir, '.dockerignore'), 'utf8');
  } catch {
    /* no .dockerignore */
  }
  const rules = parseDockerignore(text, [clean(dockerfile), '.dockerignore']);
  const out: TarWriteEntry[] = [];
  const walk = (rel: string) => {
    const names = readdirSync(join(dir, rel)).sort();
    for (const name of names) {
      const path = rel ? `${rel}/${name}` : name;
      const st = lstatSync(join(dir, path));
      const excluded = isExcluded(rules, path);
      if (excluded) {
        // an excluded folder is still walked when an exception may match inside it
        if (!st.isDirectory() || !rules.exceptions.some((e) => `${e}/`.startsWith(`${path}/`))) continue;
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
