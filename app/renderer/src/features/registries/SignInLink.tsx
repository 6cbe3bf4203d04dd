// A "Sign in to REGISTRY" button for a pull or push the registry refused: drop it next to the
// failure's sentence; it renders nothing for other failures.
import { registryLabel, registryOfImageRef } from '../../../../shared/contract/areas/registries';
import { signInHref } from './places';

export function SignInLink({ error, imageRef }: { error: { kind: string } | null | undefined; imageRef: string }) {
  if (error?.kind !== 'unauthorized' || !imageRef) return null;
  const key = registryOfImageRef(imageRef);
  return (
    <a className="button" href={signInHref(key)}>
      Sign in to {registryLabel(key)}
    </a>
  );
}
