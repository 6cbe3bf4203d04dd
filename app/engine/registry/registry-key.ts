// Which registry an image reference lives in, as the docker CLI names it in its config:
// "https://index.docker.io/v1/" for Docker Hub (no registry part, or docker.io and its aliases),
// else the reference's host[:port].
import { DOCKER_HUB, parseRegistryServer, registryLabel } from '../../shared/contract/areas/registries';
import { parseImageReference } from '../docker/validate-reference';
import { toHostname } from './docker-config';

export { DOCKER_HUB, registryLabel };

/** The registry key of an image reference. Throws `invalid` for a reference that is not valid. */
export function registryKeyOf(ref: string): string {
  const { registry } = parseImageReference(ref, 'image');
  if (!registry) return DOCKER_HUB;
  const parsed = parseRegistryServer(registry);
  return parsed.ok ? parsed.key : registry.toLowerCase();
}

/** A key from a config file or a helper's list (maybe with a scheme or path) → the normalized key. */
export function normalizeKey(raw: string): string {
  const parsed = parseRegistryServer(raw);
  if (parsed.ok) return parsed.key;
  const host = toHostname(raw).toLowerCase();
  const again = parseRegistryServer(host);
  return again.ok ? again.key : host;
}

/** Whether two keys name the same registry. */
export function sameRegistry(a: string, b: string): boolean {
  return normalizeKey(a) === normalizeKey(b);
}
