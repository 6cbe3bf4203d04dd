// The FAKE API server's strategic merge patch (application/strategic-merge-patch+json), written from
// the Kubernetes API conventions' description of it, for what kubectl sends: maps merge key by key
// (null removes a key), a map with the directive `$patch: replace` replaces what it patches and
// `$patch: delete` removes it, lists of objects that all carry a `name` (containers, volumes, env:
// their merge key) merge by that name, and any other list replaces the old one. Other directives
// ($setElementOrder, $retainKeys, $deleteFromPrimitiveList) are not supported and are dropped.
type Json = unknown;

const isMap = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A patch value with its directives taken out (what ends up stored when nothing was there). */
function plain(v: Json): Json {
  if (Array.isArray(v)) return v.map(plain);
  if (!isMap(v)) return v;
  const out: Record<string, Json> = {};
  for (const [k, x] of Object.entries(v)) if (!k.startsWith('$') && x !== null) out[k] = plain(x);
  return out;
}

const named = (list: Json[]) => list.every((x) => isMap(x) && typeof x.name === 'string');

function mergeList(target: Json, patch: Json[]): Json {
  if (!Array.isArray(target) || !named(target) || !named(patch)) return plain(patch);
  const out = [...(target as Record<string, Json>[])];
  for (const p of patch as Record<string, Json>[]) {
    const at = out.findIndex((t) => t.name === p.name);
    if (p.$patch === 'delete') {
      if (at >= 0) out.splice(at, 1);
    } else if (at >= 0) out[at] = strategicMergePatch(out[at], p) as Record<string, Json>;
    else out.push(plain(p) as Record<string, Json>);
  }
  return out;
}

/** Applies a strategic merge patch to an object (both as parsed JSON). */
export function strategicMergePatch(target: Json, patch: Json): Json {
  if (Array.isArray(patch)) return mergeList(target, patch);
  if (!isMap(patch)) return patch;
  if (patch.$patch === 'replace') return plain(patch);
  const out: Record<string, Json> = isMap(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$')) continue;
    if (v === null || (isMap(v) && v.$patch === 'delete')) delete out[k];
    else out[k] = strategicMergePatch(out[k], v);
  }
  return out;
}
