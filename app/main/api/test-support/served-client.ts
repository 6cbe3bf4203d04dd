// For integration tests over the real WebSocket transport: `berth serve`'s server started in-process
// on the harness engine and one contract client connected to it, before the file's tests; both are
// closed after them. Call it at the top of the file; the client it returns works inside the tests.
import { afterAll, beforeAll } from 'vitest';
import { testEngine } from '../../../../harness/context';
import { startTestServer, type TestServer } from '../../serve/test-server';
import { connectTestClient, type TestConnection } from '../../serve/ws-test-client';

export function servedClient(): TestConnection {
  let server: TestServer | undefined;
  let client: TestConnection | undefined;
  beforeAll(async () => {
    server = await startTestServer(testEngine().host);
    client = await connectTestClient(server.base, server.server.token);
  });
  afterAll(async () => {
    await client?.close();
    await server?.close();
  });
  const c = (): TestConnection => {
    if (!client) throw new Error('the test client is used before its beforeAll connected it');
    return client;
  };
  return {
    get ws() {
      return c().ws;
    },
    get frames() {
      return c().frames;
    },
    request: (method, args) => c().request(method, args),
    call: (method, args) => c().call(method, args),
    cancel: (id) => c().cancel(id),
    subscribe: (topic, args, opts) => c().subscribe(topic, args, opts),
    download: (topic, args) => c().download(topic, args),
    upload: (topic, args, bytes) => c().upload(topic, args, bytes),
    sendRaw: (data) => c().sendRaw(data),
    close: () => c().close(),
  };
}
