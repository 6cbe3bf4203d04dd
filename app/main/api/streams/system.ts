// engine.log: the engine's own log, live. Berth's engine writes it to a rotating file that can be
// read as "the last N lines", so the stream polls that once a second and sends only new lines;
// a switch of engine or a rotation starts over with a reset.
import type { EngineLogItem } from '../../../shared/contract/areas/system';
import type { SubscriptionHandlers } from '../types';
import { AsyncQueue } from '../async-queue';
import { newLines } from './log-follow';

const POLL_MS = 1000;

export const systemStreams: Pick<SubscriptionHandlers, 'engine.log'> = {
  'engine.log': ({ lines }, { selection, signal }) => {
    const poller: { timer?: ReturnType<typeof setInterval> } = {};
    const queue = new AsyncQueue<EngineLogItem>(50_000, () => clearInterval(poller.timer));
    let prev: string[] = [];
    let lastHost: unknown = Symbol('none yet');
    const poll = () => {
      const host = selection?.active;
      if (host !== lastHost) {
        lastHost = host;
        prev = [];
        queue.push({ kind: 'reset' });
        if (!host)
          queue.push({
            kind: 'note',
            text: selection
              ? 'No engine is active.'
              : 'Berth connects to an engine it did not start, so it has no engine log to show.',
          });
        else if (host.kind === 'external')
          queue.push({
            kind: 'note',
            text: `${host.label} is not started by Berth, so its log is wherever that engine writes it.`,
          });
      }
      if (!host || host.kind === 'external') return;
      const cur = host.logTail(lines);
      const fresh = newLines(prev, cur);
      if (fresh === undefined) {
        queue.push({ kind: 'reset' });
        for (const text of cur) queue.push({ kind: 'line', text });
      } else for (const text of fresh) queue.push({ kind: 'line', text });
      prev = cur;
    };
    poll();
    poller.timer = setInterval(poll, POLL_MS);
    const stop = () => {
      clearInterval(poller.timer);
      queue.end();
    };
    if (signal.aborted) stop();
    else signal.addEventListener('abort', stop, { once: true });
    return { items: queue };
  },
};
