// Performs a tray item's action: contract requests go through the same handlers (and argument
// validation) as the renderer's; pages open the window; links go to the browser (http(s) only).
import { requests } from '../../shared/contract';
import type { ApiContext } from '../api/context';
import type { RequestHandlers } from '../api/types';
import { toErrorInfo } from '../api/session';
import { externalUrl, hashRoute } from './routes';
import type { ContractCall, TrayAction } from './tray-menu-model';

export interface TrayActionDeps {
  api: ApiContext;
  handlers: RequestHandlers;
  showRoute(route: string): void;
  openExternal(url: string): void | Promise<void>;
  quit(): void;
  /** Shows a failure to the user (a notification); `message` is a plain sentence. */
  reportError(title: string, message: string): void;
}

/** Runs one contract request as the renderer would: arguments validated, errors as sentences. */
export async function callContract(
  deps: Pick<TrayActionDeps, 'api' | 'handlers'>,
  call: ContractCall,
): Promise<unknown> {
  const args = requests[call.request].args.parse(call.args);
  const handler = deps.handlers[call.request] as (a: unknown, c: unknown) => Promise<unknown>;
  return handler(args, { ...deps.api, signal: new AbortController().signal });
}

const titles: Partial<Record<ContractCall['request'], string>> = {
  'engine.start': 'Could not start the engine',
  'engine.stop': 'Could not stop the engine',
  'engine.restart': 'Could not restart the engine',
  'containers.start': 'Could not start the container',
  'containers.stop': 'Could not stop the container',
  'containers.restart': 'Could not restart the container',
  'containers.unpause': 'Could not resume the container',
};

export async function runTrayAction(deps: TrayActionDeps, action: TrayAction): Promise<void> {
  if ('quit' in action) return deps.quit();
  if ('open' in action) {
    const route = hashRoute(action.open);
    if (route) deps.showRoute(route);
    return;
  }
  if ('openExternal' in action) {
    const url = externalUrl(action.openExternal);
    if (!url) return deps.reportError('Link not opened', 'Berth only opens http and https links.');
    try {
      await deps.openExternal(url);
    } catch {
      deps.reportError('Link not opened', `No browser could open ${url}.`);
    }
    return;
  }
  const calls = 'requests' in action ? action.requests : [action];
  const failures: string[] = [];
  await Promise.all(
    calls.map(async (call) => {
      try {
        await callContract(deps, call);
      } catch (err) {
        failures.push(toErrorInfo(err, call.request).message);
      }
    }),
  );
  if (failures.length === 0) return;
  const title =
    'requests' in action ? `${action.label} did not fully succeed` : (titles[action.request] ?? 'The action failed');
  deps.reportError(title, failures.length > 1 ? `${failures[0]} (and ${failures.length - 1} more)` : failures[0]!);
}
