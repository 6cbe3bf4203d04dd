// Honest skips. A test that cannot run here says why, on stderr, where a contributor sees it; and in
// CI (CI=true: .ci/run installs every tool the tests need) a required area that would be skipped fails
// the run with that reason instead, so a green CI means every area ran. An area CI cannot have either
// (the Electron binary, which cannot be downloaded) is marked optional, with why.
// For vitest (`describe.skipIf(skipUnless(…))`) and Playwright (`test.skip(skipUnless(…), reason)`).

export interface SkipOptions {
  /** Why CI may lack this too: then a skip there is no failure. */
  optional?: string;
}

/** Thrown (in CI) for a required area that cannot run. */
export class RequiredAreaMissing extends Error {
  override readonly name = 'RequiredAreaMissing';
}

const inCi = (env: NodeJS.ProcessEnv) => env.CI === 'true' || env.CI === '1';

/**
 * Whether to skip: false when `available` holds. Otherwise prints "skipped: <reason>" and returns
 * true; in CI a required area throws RequiredAreaMissing with the reason instead.
 */
export function skipUnless(
  available: unknown,
  reason: string,
  opts: SkipOptions = {},
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  if (available) return false;
  if (inCi(env) && !opts.optional)
    throw new RequiredAreaMissing(
      `Required in CI, but it cannot run here: ${reason}. CI installs every tool the tests need (scripts/setup-debian.sh); install it, or mark the area optional with why.`,
    );
  process.stderr.write(`skipped: ${reason}${opts.optional ? ` (${opts.optional})` : ''}\n`);
  return true;
}

/** skipUnless for a check that returns why it cannot run (undefined when it can). */
export function skipBecause(why: string | undefined, opts: SkipOptions = {}, env: NodeJS.ProcessEnv = process.env) {
  return skipUnless(why === undefined, why ?? '', opts, env);
}
