// The docker-credential-<name> protocol, as the docker CLI speaks it: the action is the only
// argument; `get` and `erase` read the server URL on stdin, `store` reads
// {"ServerURL","Username","Secret"}, `list` prints {url: username}. A get that finds nothing prints
// "credentials not found in native keychain" and exits non-zero. A Username of "<token>" means the
// Secret is an identity token. Secrets travel only over the helper's stdin/stdout, never in argv.
import { spawn } from 'node:child_process';
import { BerthError } from '../../shared/errors';

export const TOKEN_USER = '<token>';

export interface HelperCredential {
  ServerURL?: string;
  Username: string;
  Secret: string;
}

export interface HelperOptions {
  /** Kills a helper that does not answer (a keychain prompt the user never sees). */
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(helper: string, action: string, input: string, opts: HelperOptions): Promise<Run> {
  const bin = `docker-credential-${helper}`;
  return new Promise((resolve, reject) => {
    const child = spawn(bin, [action], { env: opts.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new BerthError({
          kind: 'unavailable',
          message: `The credential helper ${bin} did not answer within ${Math.round((opts.timeoutMs ?? 30000) / 1000)} s. Unlock your keychain, or check the helper.`,
        }),
      );
    }, opts.timeoutMs ?? 30000);
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        new BerthError({
          kind: 'unavailable',
          message:
            err.code === 'ENOENT'
              ? `The docker config names the credential helper "${helper}", but ${bin} is not installed (not on PATH). Install it, or remove it from the docker config.`
              : `The credential helper ${bin} could not run (${err.code ?? err.message}).`,
        }),
      );
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.on('error', () => undefined); // a helper that exits without reading
    child.stdin.end(input);
  });
}

function failure(helper: string, action: string, r: Run): BerthError {
  // A helper's output on failure is its own message (never the secret: that only goes in on stdin).
  const said = (r.stdout.trim() || r.stderr.trim()).split('\n')[0]?.slice(0, 300) ?? '';
  return new BerthError({
    kind: 'unavailable',
    message: `The credential helper docker-credential-${helper} could not ${action} the credential${said ? `: ${said}` : ''}.`,
    ...(said ? { detail: said } : {}),
  });
}

const NOT_FOUND = /credentials not found/i;

/** The credential for `serverUrl`, or undefined when the helper has none. */
export async function helperGet(
  helper: string,
  serverUrl: string,
  opts: HelperOptions = {},
): Promise<HelperCredential | undefined> {
  const r = await run(helper, 'get', serverUrl, opts);
  if (r.code !== 0) {
    if (NOT_FOUND.test(r.stdout) || NOT_FOUND.test(r.stderr)) return undefined;
    throw failure(helper, 'read', r);
  }
  let parsed: Partial<HelperCredential>;
  try {
    parsed = JSON.parse(r.stdout) as Partial<HelperCredential>;
  } catch {
    throw new BerthError({
      kind: 'internal',
      message: `The credential helper docker-credential-${helper} answered something that is not JSON.`,
    });
  }
  if (!parsed.Username && !parsed.Secret) return undefined;
  return { ServerURL: parsed.ServerURL ?? serverUrl, Username: parsed.Username ?? '', Secret: parsed.Secret ?? '' };
}

export async function helperStore(
  helper: string,
  cred: Required<HelperCredential>,
  opts: HelperOptions = {},
): Promise<void> {
  const r = await run(helper, 'store', JSON.stringify(cred), opts);
  if (r.code !== 0) throw failure(helper, 'store', r);
}

export async function helperErase(helper: string, serverUrl: string, opts: HelperOptions = {}): Promise<void> {
  const r = await run(helper, 'erase', serverUrl, opts);
  if (r.code !== 0 && !NOT_FOUND.test(r.stdout) && !NOT_FOUND.test(r.stderr)) throw failure(helper, 'erase', r);
}

/** Server URL → user name, for every credential the helper holds. */
export async function helperList(helper: string, opts: HelperOptions = {}): Promise<Record<string, string>> {
  const r = await run(helper, 'list', '', opts);
  if (r.code !== 0) throw failure(helper, 'list', r);
  try {
    const v = JSON.parse(r.stdout || '{}') as unknown;
    return typeof v === 'object' && v !== null ? (v as Record<string, string>) : {};
  } catch {
    throw new BerthError({
      kind: 'internal',
      message: `The credential helper docker-credential-${helper} listed something that is not JSON.`,
    });
  }
}
