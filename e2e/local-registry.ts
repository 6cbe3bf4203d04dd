// For specs that pull from and push to a real local registry (Debian's docker-registry on 127.0.0.1):
// why they skip here, if they do; the registry, started before the describe's tests and stopped after;
// and the images and containers the tests made, removed after them. Call it inside test.describe.
import { registryAvailable, startRegistry, type TestRegistry } from '../harness/registry';
import { skipBecause } from '../harness/skip';
import { test } from './fixtures';

export function localRegistry() {
  const skipWhy = registryAvailable();
  const noRegistry = skipBecause(skipWhy);
  let registry: TestRegistry | undefined;
  const images: string[] = [];
  const containers: string[] = [];
  test.beforeAll(async () => {
    if (!noRegistry) registry = await startRegistry();
  });
  test.afterAll(async ({ berth }) => {
    if (containers.length) await berth.docker(['rm', '-f', ...containers]);
    for (const i of images) await berth.docker(['rmi', '-f', i]);
    await registry?.stop();
  });
  return {
    /** Whether a test that needs the registry skips, and why (for test.skip). */
    noRegistry,
    skipWhy,
    images,
    containers,
    /** "127.0.0.1:PORT", the registry part of references (in a test that did not skip). */
    get host(): string {
      return registry!.host;
    },
  };
}
