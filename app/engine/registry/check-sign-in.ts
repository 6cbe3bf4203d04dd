// Checks a user name and password with the registry through the engine's /auth call (the engine
// tries the registry's /v2/ endpoint as it would for a pull), so a wrong password is reported at
// sign-in. Every failure is a sentence naming the registry.
import { BerthError } from '../../shared/errors';
import { dialJson, type EngineClient } from '../docker/client';
import { classifyEngineError, toBerthError } from '../docker/errors';
import { DOCKER_HUB, registryLabel } from './registry-key';

export interface SignInCheck {
  /** The registry's status line, e.g. "Login Succeeded". */
  status: string;
  /** Some registries answer with a token to use instead of the password. */
  identitytoken?: string;
}

/** A sentence for what the engine said when it tried the registry. */
export function signInFailure(err: unknown, key: string): BerthError {
  const f = classifyEngineError(err);
  const name = registryLabel(key);
  const say = (kind: BerthError['kind'], message: string) => new BerthError({ kind, message, detail: f.text });
  switch (f.cause) {
    case 'registry-denied':
      return say('unauthorized', `${name} refused the user name or password. Check them and try again.`);
    case 'registry-plain-http':
      return say(
        'unavailable',
        `${name} answers over plain HTTP, but the engine requires TLS for it. Serve the registry over https, or list it in the engine's insecure registries.`,
      );
    case 'registry-untrusted':
      return say(
        'unavailable',
        `The engine does not trust ${name}'s TLS certificate (${f.text}). Install the registry's CA on the engine's host.`,
      );
    case 'registry-unreachable':
      return say(
        'unavailable',
        `${name} is not reachable from the engine. Check the address and that the registry is running.`,
      );
    case 'not-a-registry':
      return say(
        'not-found',
        `${name} does not look like a container registry (it has no /v2/ endpoint). Check the address.`,
      );
  }
  if (f.kind === 'unavailable') return toBerthError(err, `sign in to ${name}`); // the engine itself is down
  return say(f.kind === 'internal' ? 'unavailable' : f.kind, `Could not sign in to ${name}: ${f.text}`);
}

export async function checkSignIn(
  client: EngineClient,
  key: string,
  credential: { username: string; password: string },
): Promise<SignInCheck> {
  let answer: { Status?: string; IdentityToken?: string };
  try {
    answer = await dialJson<{ Status?: string; IdentityToken?: string }>(client, {
      method: 'POST',
      path: '/auth',
      body: {
        username: credential.username,
        password: credential.password,
        serveraddress: key === DOCKER_HUB ? DOCKER_HUB : key,
      },
    });
  } catch (err) {
    throw signInFailure(err, key);
  }
  return {
    status: answer?.Status || 'Login Succeeded',
    ...(answer?.IdentityToken ? { identitytoken: answer.IdentityToken } : {}),
  };
}
