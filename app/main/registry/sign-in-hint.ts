// Turns a registry's refusal of a pull or push into "sign in to REGISTRY", naming the registry the
// reference lives in, instead of a raw 401.
import { registryKeyOf, registryLabel } from '../../engine/registry/registry-key';
import { BerthError } from '../../shared/errors';

/**
 * Returns `err` unchanged unless it is an `unauthorized` failure for `ref`; then a BerthError whose
 * sentence says to sign in to the registry. `signedIn`: whether credentials were sent.
 */
export function signInHint(err: unknown, ref: string, verb: 'pull' | 'push' = 'pull', signedIn = false): unknown {
  if (!(err instanceof BerthError) || err.kind !== 'unauthorized') return err;
  let key: string;
  try {
    key = registryKeyOf(ref);
  } catch {
    return err;
  }
  const name = registryLabel(key);
  const message = signedIn
    ? `Could not ${verb} "${ref}": ${name} refused your sign-in for this repository. Sign in to ${name} with a user that may ${verb} it.`
    : `Could not ${verb} "${ref}": sign in to ${name} first (the registry refused access without a sign-in).`;
  return new BerthError({ kind: 'unauthorized', message, field: 'registry', detail: err.detail ?? err.message });
}
