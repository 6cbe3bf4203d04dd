// Words for where a sign-in lives, and links to the Sign in dialog (for other pages: an image pull
// refused with "sign in to REGISTRY" can offer a button to signInHrefForImage(ref)).
import { DOCKER_HUB, registryOfImageRef, type CredentialPlace } from '../../../../shared/contract/areas/registries';
import { href } from '../../app/router';

export function placeText(p: CredentialPlace): string {
  switch (p.kind) {
    case 'docker-helper':
      return `Docker credential helper (${p.helper})`;
    case 'docker-file':
      return 'Docker config file';
    case 'berth-keychain':
      return "Berth's keychain";
    case 'berth-file':
      return "Berth's file (no keychain)";
    case 'session':
      return 'This session only';
  }
}

/** A longer sentence for a tooltip or a confirmation. */
export function placeDetail(p: CredentialPlace): string {
  switch (p.kind) {
    case 'docker-helper':
      return `the docker credential helper docker-credential-${p.helper} (shared with the docker CLI)`;
    case 'docker-file':
      return `the docker config file ${p.path} (shared with the docker CLI)`;
    case 'berth-keychain':
      return `Berth's store, sealed by ${p.store}`;
    case 'berth-file':
      return `Berth's file ${p.path}, readable only by you`;
    case 'session':
      return "Berth's memory, until it quits";
  }
}

/** What to prefill in the Server field for a registry key. */
export function serverInput(key: string): string {
  return key === DOCKER_HUB ? 'docker.io' : key;
}

/** The Registries page with the Sign in dialog open for this registry key. */
export function signInHref(key: string): string {
  return href('registries', 'sign-in', serverInput(key));
}

/** The Sign in dialog for the registry an image reference lives in. */
export function signInHrefForImage(ref: string): string {
  return signInHref(registryOfImageRef(ref));
}
