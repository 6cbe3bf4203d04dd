// engine.status, engine.events and tasks: push-style sources turned into streams.
import type { SubscriptionHandlers } from '../types';
import { fromListener } from './from-listener';

export const engineStreams: Pick<SubscriptionHandlers, 'engine.status' | 'engine.events' | 'tasks'> = {
  'engine.status': (_args, { engine, signal }) => ({
    items: fromListener(signal, (push) => engine.onStatus(push), [engine.status()]),
  }),
  'engine.events': (_args, { engine, signal }) => ({
    items: fromListener(signal, (push) =>
      engine.onEvent(({ type, action, id, name, attributes, time }) =>
        push({ type, action, id, ...(name !== undefined ? { name } : {}), attributes, time }),
      ),
    ),
  }),
  tasks: (_args, { tasks, signal }) => ({
    items: fromListener(signal, (push) => tasks.onChange(push), tasks.list()),
  }),
};
