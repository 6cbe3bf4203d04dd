// While engine events flow they tell whether the engine is alive: the host's own liveness probe rests
// meanwhile, and runs again as soon as the stream drops or closes.
import type { EventHub } from '../../engine/docker/events-hub';
import type { EngineHost } from '../../engine/host/types';
import { DisposableStore, type Disposable } from '../../shared/emitter';

export function restProbeWhileEventsFlow(hub: EventHub, host: EngineHost): Disposable {
  const store = new DisposableStore();
  store.add(hub.onState((state) => host.setLivenessProbe?.(state !== 'connected')));
  store.add(() => host.setLivenessProbe?.(true));
  return store;
}
