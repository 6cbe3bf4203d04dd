// For a test file that talks to FAKE API servers: `start()` gives a fresh fake and a KubeConfig whose
// context "fake" names it; every fake started is closed, and its folder removed, after each test.
import { afterEach } from 'vitest';
import { tempDirs } from '../../../../harness/temp-dirs';
import type { FakeKubeApiServer } from './fake-api-server';
import { startFakeContext } from './kube-fixtures';

export function fakeContexts(prefix: string): () => ReturnType<typeof startFakeContext> {
  const tmp = tempDirs(prefix);
  const started: FakeKubeApiServer[] = [];
  afterEach(async () => {
    for (const f of started.splice(0)) await f.close();
  });
  return () => startFakeContext(tmp(), started);
}
