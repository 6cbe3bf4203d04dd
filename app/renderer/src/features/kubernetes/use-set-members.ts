// The members of a stateful set (its pods by ordinal and their volume claims) or a daemon set (its
// nodes and the pod on each), read when asked, again whenever the set's watched row changes (its
// counts move as its pods do) and when the detail dialog refreshes.
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { queryKey, useRequest } from '../../api/hooks';
import type { KubeTarget } from './KubeDialogs';
import { useRereadOnChange } from './use-reread-on-change';

export type WithMembers = 'statefulsets' | 'daemonsets';

export const hasMembers = (resource: string): resource is WithMembers =>
  resource === 'statefulsets' || resource === 'daemonsets';

export function useSetMembers(resource: WithMembers, target: KubeTarget, row?: unknown) {
  const args = { ...target, resource };
  useRereadOnChange('kube.members', args, row);
  return useRequest('kube.members', args);
}

/** Reads every open members section again (the detail dialog's Refresh). */
export function useRefreshSetMembers(): () => void {
  const client = useQueryClient();
  return useCallback(() => void client.invalidateQueries({ queryKey: queryKey('kube.members') }), [client]);
}
