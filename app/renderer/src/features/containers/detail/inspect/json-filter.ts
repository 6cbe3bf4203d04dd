// Searching the inspect JSON: keep entries whose key or value contains the query, with their
// ancestors; a matching key keeps its whole subtree.

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export function isContainer(v: unknown): v is Json[] | { [k: string]: Json } {
  return typeof v === 'object' && v !== null;
}

export function valueText(v: Json): string {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

function prune(v: Json, q: string): Json | undefined {
  if (!isContainer(v)) return (typeof v === 'string' ? v : String(v)).toLowerCase().includes(q) ? v : undefined;
  if (Array.isArray(v)) {
    // keep positions meaningful: missing items become holes we skip when drawing
    const out: Json[] = [];
    let any = false;
    v.forEach((item, i) => {
      const p = prune(item, q);
      if (p !== undefined || String(i) === q) {
        out[i] = p === undefined ? item : p;
        any = true;
      }
    });
    return any ? out : undefined;
  }
  const out: { [k: string]: Json } = {};
  let any = false;
  for (const [k, item] of Object.entries(v)) {
    if (k.toLowerCase().includes(q)) {
      out[k] = item;
      any = true;
      continue;
    }
    const p = prune(item, q);
    if (p !== undefined) {
      out[k] = p;
      any = true;
    }
  }
  return any ? out : undefined;
}

/** The JSON reduced to what matches `query` (case-insensitive); undefined when nothing does. */
export function filterJson(v: Json, query: string): Json | undefined {
  const q = query.trim().toLowerCase();
  if (!q) return v;
  return prune(v, q);
}

/** Paths ("" for the root, then "/key/0/…") of every object or array, for "Expand all". */
export function containerPaths(v: Json, path = '', out: string[] = []): string[] {
  if (!isContainer(v)) return out;
  out.push(path);
  for (const [k, item] of Object.entries(v)) if (item !== undefined) containerPaths(item, `${path}/${k}`, out);
  return out;
}
