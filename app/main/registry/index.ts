// Berth's registry sign-ins for the handlers: one store per process, reading the docker config as
// the docker CLI does and sealing Berth's own entries with the secret box the shell installed.
import type { RegistryAuth } from '../../engine/docker/image-pull';
import { DockerCredentials } from '../../engine/registry/docker-credentials';
import { berthPaths } from '../paths';
import { RegistryCredentials } from './credentials';
import { currentSecretBox } from './secret-box';

export { installSecretBox, type SecretBox } from './secret-box';
export { signInHint } from './sign-in-hint';

let instance: RegistryCredentials | undefined;

export function registryCredentials(): RegistryCredentials {
  instance ??= new RegistryCredentials(new DockerCredentials(), berthPaths().config, currentSecretBox);
  return instance;
}

/** Forgets this process's store (tests that move DOCKER_CONFIG or BERTH_HOME). */
export function resetRegistryCredentials(): void {
  instance = undefined;
}

/**
 * X-Registry-Auth for pulling or pushing `ref`, from wherever the user signed in to its registry
 * (this session, Berth's store, the docker CLI's helper or config); undefined when not signed in.
 * Pass it as `auth` to pullImage / pushImage.
 */
export function credentialsFor(ref: string): Promise<RegistryAuth | undefined> {
  return registryCredentials().authFor(ref);
}

/** Every sign-in Berth can use, keyed by registry, for a build's X-Registry-Config (FROM private images). */
export function registryConfigForBuild(): Promise<Record<string, RegistryAuth>> {
  return registryCredentials().allAuths();
}
