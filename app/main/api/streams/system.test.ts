// engine.log follows the host's log as it is written, and starts over when the engine changes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EngineSelection } from '../../../engine/host/selection';
import type { EngineHost } from '../../../engine/host/types';
import { RotatingLog } from '../../../engine/host/rotating-log';
import type { EngineLogItem } from '../../../shared/contract/areas/system';
import type { HandlerContext } from '../types';
import { systemStreams } from './system';

const dir = mkdtempSync(join(tmpdir(), 'berth-engine-log-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A host that keeps a real rotating log (the part of EngineHost the stream uses). */
function hostWithLog(name: string): { host: EngineHost; log: RotatingLog } {
  const log = new RotatingLog(join(dir, `${name}.log`));
  const host = {
    kind: 'native',
    label: name,
    logTail: (n?: number) => log.tail(n),
    onLogLine: (l: (line: string) => void) => log.onLine(l),
  } as unknown as EngineHost;
  return { host, log };
}

describe('engine.log stream', () => {
  it('sends the tail, then each new line as written, and starts over on an engine switch', async () => {
    const a = hostWithLog('a');
    a.log.write('old 1\nold 2\n');
    let listener: ((h: EngineHost | undefined) => void) | undefined;
    const selection = {
      active: a.host,
      onChange: (l: (h: EngineHost | undefined) => void) => ((listener = l), () => (listener = undefined)),
    } as unknown as EngineSelection;
    const abort = new AbortController();
    const source = await systemStreams['engine.log']({ lines: 10 }, {
      selection,
      signal: abort.signal,
    } as unknown as HandlerContext);
    const it = source.items![Symbol.asyncIterator]();
    const next = async (n: number) => {
      const out: EngineLogItem[] = [];
      for (let i = 0; i < n; i++) out.push((await it.next()).value as EngineLogItem);
      return out;
    };
    expect(await next(3)).toEqual([
      { kind: 'reset' },
      { kind: 'line', text: 'old 1' },
      { kind: 'line', text: 'old 2' },
    ]);
    a.log.write('new 3\npartial');
    expect(await next(1)).toEqual([{ kind: 'line', text: 'new 3' }]);
    a.log.write(' line\n');
    expect(await next(1)).toEqual([{ kind: 'line', text: 'partial line' }]);

    const b = hostWithLog('b');
    b.log.write('b 1\n');
    listener!(b.host);
    expect(await next(2)).toEqual([{ kind: 'reset' }, { kind: 'line', text: 'b 1' }]);
    a.log.write('not followed any more\n');
    b.log.write('b 2\n');
    expect(await next(1)).toEqual([{ kind: 'line', text: 'b 2' }]);

    abort.abort();
    expect((await it.next()).done).toBe(true);
    expect(listener).toBeUndefined(); // the selection listener is gone with the stream
  });
});
