// The engine as one request's handler sees it: every engine call it makes carries the request's
// signal, so a cancel frame or a departed client aborts the engine's HTTP request too.
import { engineApi, withAbortSignal } from '../../engine/docker';
import type { EngineAccess } from './context';

export function engineForCall(engine: EngineAccess, signal: AbortSignal): EngineAccess {
  const client: EngineAccess['client'] = async () => withAbortSignal(await engine.client(), signal);
  return new Proxy(engine, {
    get(target, key) {
      if (key === 'client') return client;
      if (key === 'api') return async () => engineApi(await client());
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
