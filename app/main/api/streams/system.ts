// engine.log: the engine's own log, live: the last N lines, then each line as the host writes it
// (no polling). A switch of engine starts over with a reset.
import type { EngineHost } from '../../../engine/host';
import type { EngineLogItem } from '../../../shared/contract/areas/system';
import type { SubscriptionHandlers } from '../types';
import { AsyncQueue } from '../async-queue';

export const systemStreams: Pick<SubscriptionHandlers, 'engine.log'> = {
  'engine.log': ({ lines }, { selection, signal }) => {
    let unfollowLines = () => {};
    let unfollowSelection = () => {};
    const queue = new AsyncQueue<EngineLogItem>(50_000, () => stop());
    const follow = (host: EngineHost | undefined) => {
      unfollowLines();
      unfollowLines = () => {};
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
      else {
        for (const text of host.logTail(lines)) queue.push({ kind: 'line', text });
        unfollowLines = host.onLogLine?.((text) => queue.push({ kind: 'line', text })) ?? (() => {});
      }
    };
    const stop = () => {
      unfollowLines();
      unfollowSelection();
      queue.end();
    };
    follow(selection?.active);
    unfollowSelection = selection?.onChange(follow) ?? (() => {});
    if (signal.aborted) stop();
    else signal.addEventListener('abort', stop, { once: true });
    return { items: queue };
  },
};
