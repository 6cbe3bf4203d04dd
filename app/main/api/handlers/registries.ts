// registries.* requests: the registries Berth knows and where each sign-in lives; sign in (checked
// against the registry through the engine first); sign out everywhere.
import { registryCredentials } from '../../registry';
import type { RequestHandlers } from '../types';

export const registryHandlers: Pick<RequestHandlers, 'registries.list' | 'registries.signIn' | 'registries.signOut'> = {
  'registries.list': async () => registryCredentials().list(),
  'registries.signIn': async (args, { engine }) => registryCredentials().signIn(await engine.client(), args),
  'registries.signOut': async ({ server }) => registryCredentials().signOut(server),
};
