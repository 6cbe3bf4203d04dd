import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { heapAfterGcMB, inspectorUrl } from './scenarios/support/inspector';

// A real Node process with its inspector open: it holds 64 MB of JS objects until told "drop" on
// stdin, then answers "dropped" (the objects are garbage, not yet collected).
const CHILD = `
let held = Array.from({ length: 64 }, () => Array.from({ length: 131072 }, (_, i) => i + 0.5));
process.stdin.on('data', () => { held = undefined; process.stdout.write('dropped\\n'); });
process.stdout.write('ready\\n');
`;

let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill();
  child = undefined;
});

async function start(flags = ['--expose-gc']): Promise<string> {
  child = spawn(process.execPath, ['--inspect=127.0.0.1:0', ...flags, '-e', CHILD], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  await once(child.stdout!, 'data'); // "ready": printed after the inspector's address
  while (!inspectorUrl(err)) await once(child.stderr!, 'data');
  return inspectorUrl(err)!;
}

describe('heapAfterGcMB', () => {
  it('finds the inspector address in what Node prints', () => {
    expect(
      inspectorUrl(
        'Debugger listening on ws://127.0.0.1:40123/5b7c-11\nFor help, see: https://nodejs.org/en/docs/inspector\n',
      ),
    ).toBe('ws://127.0.0.1:40123/5b7c-11');
    expect(inspectorUrl('berth serve: something else\n')).toBeUndefined();
  });

  it("reads the process's live JS heap: what it holds, and not what it dropped", async () => {
    const url = await start();
    const holding = await heapAfterGcMB(url);
    child!.stdin!.write('drop\n');
    await once(child!.stdout!, 'data');
    const dropped = await heapAfterGcMB(url);
    // 64 arrays of 131 072 doubles: 64 MB held; after "drop" the garbage collection frees them.
    expect(holding).toBeGreaterThan(64);
    expect(holding - dropped).toBeGreaterThan(60);
    expect(dropped).toBeLessThan(16);
  });

  it('says what is missing when the process was started without --expose-gc', async () => {
    const url = await start([]);
    await expect(heapAfterGcMB(url)).rejects.toThrow('start it with --expose-gc');
  });
});
