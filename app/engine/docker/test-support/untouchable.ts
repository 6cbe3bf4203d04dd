// For integration tests that prove bad input is refused before the engine is asked: the same client,
// but any use of its dockerode throws.
import type { EngineClient } from '../client';

export function untouchable(c: EngineClient): EngineClient {
  const docker = new Proxy(
    {},
    {
      get: (_t, p) => {
        throw new Error(`the engine was touched (${String(p)})`);
      },
    },
  );
  return { ...c, docker: docker as EngineClient['docker'] };
}
