// Checks a user name and password with the registry through the engine's /auth call (the engine
// tries the registry's /v2/ endpoint as it would for a pull), so a wrong password is reported at
// sign-in. Every failure is a sentence naming the registry.
import { BerthError } from '../../shared/errors';
import type { EngineClient } from '../docker/client';
import { toBerthError } from '../docker/errors';
import { DOCKER_HUB, registryLabel } from './registry-key';

export interface SignInCheck {
  /** The registry's status line, e.g. "Login Succeeded". */
  status: string;
  /** Some registries answer with a token to use instead of the password. */
  identitytoken?: string;
}

/** A sentence for what the engine said when it tried the registry. */
export function signInFailure(err: unknown, key: string): BerthError {
  const base = toBerthError(err, `sign in to ${registryLabel(key)}`);
  const text = base.detail ?? base.message;
  const name = registryLabel(key);
  const say = (kind: BerthError['kind'], message: string) => new BerthError({ kind, message, detail: text });
  if (base.kind === 'unavailable' && !/registry|dial tcp|no such host/i.test(text)) return base; // the engine itself is down
  if (/incorrect username or password|unauthorized|authentication required|401/i.test(text))
    return say('unauthorized', `${name} refused the user name or password. Check them and try again.`);
  if (/server gave HTTP response to HTTPS client/i.test(text))
    return say(
      'unavailable',
      `${name} answers over plain HTTP, but the engine requires TLS for it. Serve the registry over https, or list it in the engine's insecure registries.`,
    );
  if (/x509|certificate|tls: /i.test(text))
    return say(
      'unavailable',
      `The engine does not trust ${name}'s TLS certificate (${text}). Install the registry's CA on the engine's host.`,
    );
  if (
    /connection refused|no such host|i\/o timeout|network is unreachable|no route to host|dial tcp|timeout|EOF/i.test(
      text,
    )
  )
    return say(
      'unavailable',
      `${name} is not reachable from the engine. Check the address and that the registry is running.`,
    );
  if (/404|not found/i.test(text))
    return say(
      'not-found',
      `${name} does not look like a container registry (it has no /v2/ endpoint). Check the address.`,
    );
  return say(base.kind === 'internal' ? 'unavailable' : base.kind, `Could not sign in to ${name}: ${text}`);
}

export async function checkSignIn(
  client: EngineClient,
  key: string,
  credential: { username: string; password: string },
): Promise<SignInCheck> {
  let answer: { Status?: string; IdentityToken?: string };
  try {
    answer = (await client.docker.checkAuth({
      username: credential.username,
      password: credential.password,
      serveraddress: key === DOCKER_HUB ? DOCKER_HUB : key,
    })) as { Status?: string; IdentityToken?: string };
  } catch (err) {
    throw signInFailure(err, key);
  }
  return {
    status: answer?.Status || 'Login Succeeded',
    ...(answer?.IdentityToken ? { identitytoken: answer.IdentityToken } : {}),
  };
}
