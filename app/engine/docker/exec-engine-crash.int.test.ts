// A terminal whose engine dies under it (a real dockerd, SIGKILLed) ends with a sentence saying the
// engine stopped — not as a normal exit with no code.
import { afterEach, describe, expect, it } from 'vitest';
import type { TestEngine } from '../../../harness/engine';
import { buildBusybox } from '../../../harness/fixtures';
import { nativeFixture } from '../host/test-support/native-fixture';
import { connectEngine } from './client';
import { openExecSession } from './exec';

const fixture = nativeFixture();
afterEach(() => fixture.teardown());

describe('exec when the engine crashes (real dockerd)', () => {
  it('the session ends with "the engine stopped", not an exit code of null', async () => {
    const t = fixture.create({}, 'exec');
    await t.host.start();
    const image = await buildBusybox({ dir: t.home.dir, docker: t.docker } as unknown as TestEngine);
    expect((await t.docker(['run', '-d', '--name', 'box', image, 'sleep', '600'])).code).toBe(0);
    const client = await connectEngine(t.host.address);
    const session = await openExecSession(client, 'box', { cmd: ['sh'] });
    session.write('echo ready-$((6*7))\n');
    let seen = '';
    const reading = (async () => {
      for await (const chunk of session.output) seen += Buffer.from(chunk).toString();
    })().catch((e: unknown) => e);
    for (let i = 0; i < 200 && !seen.includes('ready-42'); i++) await new Promise((r) => setTimeout(r, 25));
    expect(seen).toContain('ready-42');

    process.kill(t.host.status().pid!, 'SIGKILL');
    await reading;
    await expect(session.exit).rejects.toMatchObject({
      kind: 'unavailable',
      message:
        'The terminal ended because the engine stopped. Start the engine again (Engine page), then open a new one.',
    });
    await session.close(); // closing after the engine is gone neither throws nor hangs
  }, 60000);
});
