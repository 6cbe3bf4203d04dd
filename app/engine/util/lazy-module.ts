// A dependency loaded the first time it is used, not when Berth starts. For libraries whose import
// costs real start-up time (yaml: ~100 ms, @kubernetes/client-node: ~1 s of CPU) in code paths most
// sessions never take. Loading is synchronous (require; Node ≥ 20.19 and Electron's Node also
// require ES modules), so callers stay synchronous.
import { createRequire } from 'node:module';

const requireHere = createRequire(import.meta.url);

/** A getter for `specifier`'s module that loads it on first call. */
export function lazyModule<T>(specifier: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= requireHere(specifier) as T);
}
