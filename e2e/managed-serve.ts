// For a describe whose tests use a second `berth serve` that runs its own dockerd: BERTH_HOME (and
// DOCKER_CONFIG inside it) in a new temp dir named by `prefix`; started before the describe's tests
// unless `skip`, stopped after, with what its engine left removed. Call it inside test.describe.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBerthServe, stopManagedServe, type ServeProcess } from './berth-serve';
import { test } from './fixtures';

export function managedServe(prefix: string, skip: boolean) {
  let home = '';
  let serve: ServeProcess | undefined;
  test.beforeAll(async () => {
    if (skip) return;
    home = mkdtempSync(join(tmpdir(), prefix));
    serve = await startBerthServe([], { ...process.env, BERTH_HOME: home, DOCKER_CONFIG: join(home, 'docker-config') });
  });
  test.afterAll(() => stopManagedServe(serve, home));
  return {
    /** Its BERTH_HOME. */
    get home() {
      return home;
    },
    /** Its address (in a test that did not skip). */
    get url() {
      return serve!.url;
    },
  };
}
