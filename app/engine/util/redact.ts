// Removing secrets from what Berth writes into a diagnostics bundle. A value is removed when its key
// is named like a secret (auth, token, secret, password, credential, private key, cookie…), whatever
// its type; environment lists are dropped whole (a container's or a process's environment is never
// included); user and password in a URL are replaced; in free text (logs), `key=value` and
// `key: value` pairs with a secret-like key, bearer and basic tokens and URL credentials are replaced.
// Each removal is recorded by path, so the bundle's README can say what went.

export const REMOVED = '[removed]';

/** Keys whose values are secrets, or may hold one. */
export const SECRET_KEY =
  /auth|token|secret|passw(or)?d|passwd|passphrase|credential|private.?key|api.?key|cookie|session|signature/i;

/** Keys whose values are environments: dropped whole. */
const ENV_KEY = /^env(ironment)?$/i;

const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)([^/\s:@]+(?::[^/\s@]*)?)@/gi;
const PAIR = new RegExp(
  `((?:[\\w.-]*(?:${SECRET_KEY.source})[\\w.-]*)"?\\s*[=:]\\s*"?)((?:(?:bearer|basic)\\s+)?[^\\s",;&]+)`,
  'gi',
);
const SCHEME_TOKEN = /\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi;

/**
 * `text` with URL credentials and bearer/basic tokens replaced, and (free text such as logs, not a
 * JSON value whose key was already judged) secret-like `key=value` / `key: value` pairs.
 */
export function redactText(text: string, pairs = true): { text: string; count: number } {
  let count = 0;
  let out = text.replace(URL_CREDENTIALS, (_m, scheme: string) => {
    count++;
    return `${scheme}${REMOVED}@`;
  });
  if (pairs)
    out = out.replace(PAIR, (_m, head: string) => {
      count++;
      return `${head}${REMOVED}`;
    });
  out = out.replace(SCHEME_TOKEN, (_m, scheme: string) => {
    count++;
    return `${scheme} ${REMOVED}`;
  });
  return { text: out, count };
}

/**
 * A copy of `value` with secrets removed; `removed` receives the path of each removal
 * ("settings.json: registry.password", "info.json: HttpProxy (credentials in a URL)").
 */
export function redactValue(value: unknown, removed: string[], where: string, path = ''): unknown {
  if (typeof value === 'string') {
    const r = redactText(value, false);
    if (r.count) removed.push(`${where}: ${path || '(the value)'} (credentials in the text)`);
    return r.text;
  }
  if (Array.isArray(value)) return value.map((v, i) => redactValue(v, removed, where, `${path}[${i}]`));
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const at = path ? `${path}.${k}` : k;
    if (ENV_KEY.test(k)) {
      removed.push(`${where}: ${at} (an environment, dropped whole)`);
      continue;
    }
    if (SECRET_KEY.test(k) && v !== null && v !== undefined && v !== '' && typeof v !== 'boolean') {
      removed.push(`${where}: ${at}`);
      out[k] = REMOVED;
      continue;
    }
    out[k] = redactValue(v, removed, where, at);
  }
  return out;
}
