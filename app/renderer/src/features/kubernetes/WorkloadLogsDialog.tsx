// A workload's logs merged across its pods (kubectl logs -l … --prefix) in the merged logs view the
// compose projects and swarm services use: one stream interleaved by time, each line marked and
// coloured by its pod, a filter by pod. The pods are those its selector names when the dialog opens.
import { useMemo } from 'react';
import type { KubeWorkloadWithPods } from '../../../../shared/contract/areas/kube';
import { useRequest } from '../../api/hooks';
import { Dialog } from '../../components/Dialog';
import { MergedLogs, type UseMergedLines } from '../compose/MergedLogs';
import { toMarkedLine } from '../compose/service-colours';
import { linesFeed } from '../containers/detail/logs/log-feed';
import { useLogStream } from '../containers/detail/logs/use-log-stream';
import { viewOf } from './kube-kinds';
import type { KubeTarget } from './KubeDialogs';

/** At most this many pods are read at once (the contract's limit). */
const MAX_PODS = 50;

export function WorkloadLogsDialog({
  resource,
  target,
  onClose,
}: {
  resource: KubeWorkloadWithPods;
  target: KubeTarget;
  onClose(): void;
}) {
  const { noun } = viewOf(resource);
  const q = useRequest('kube.workloadPods', { ...target, resource });
  const pods = useMemo(() => (q.data?.pods ?? []).slice(0, MAX_PODS), [q.data]);
  const groups = useMemo(() => pods.map((p) => ({ name: p.name, containers: [p.name] })), [pods]);
  // Called by MergedLogs on every render, in the same place: a hook of its own.
  const useLines: UseMergedLines = (shown, tail, prefix) => {
    const names = [...(shown ?? pods.map((p) => p.name))];
    const key = `${target.context}|${target.namespace}|${names.join(',')}|${tail}`;
    const args = useMemo(
      () => ({
        context: target.context,
        namespace: target.namespace,
        // Each pod's default container (the API server picks none when a pod has several).
        pods: names
          .map((pod) => ({ pod, container: pods.find((p) => p.name === pod)?.containers[0] ?? '' }))
          .map((p) => (p.container ? p : { pod: p.pod })),
        tail,
        follow: true,
      }),
      // The key names everything the arguments hold.
      [key],
    );
    return useLogStream(
      'kube.mergedLogs',
      args,
      key,
      linesFeed((items) => items.map((l) => toMarkedLine({ ...l, service: l.pod, container: l.pod }, prefix))),
    );
  };
  const more = (q.data?.pods.length ?? 0) - pods.length;
  return (
    <Dialog title={`Logs of ${noun} ${target.name}`} onClose={onClose} wide>
      {q.error && <p role="alert">{q.error.message}</p>}
      {!q.data && !q.error && <p className="muted">Finding the pods of {target.name}…</p>}
      {q.data && pods.length === 0 && (
        <p className="muted">
          No pod matches {target.name}’s selector ({q.data.selector}) now, so there is no log to show.
        </p>
      )}
      {pods.length > 0 && (
        <>
          <p className="muted small">
            {pods.length === 1 ? '1 pod' : `${pods.length} pods`} matching {q.data!.selector}
            {more > 0 && `; the first ${MAX_PODS} by name are shown, ${more} more are not`}. Pods started after this
            dialog opened join when it is opened again.
          </p>
          <div className="kube-logs">
            <MergedLogs
              name={`${target.namespace}-${target.name}`}
              label={`Logs of ${noun} ${target.name}`}
              services={groups}
              errorFallback={`The logs of ${target.name}'s pods could not be read.`}
              emptyText="No log output yet."
              useLines={useLines}
              sources="pods"
            />
          </div>
        </>
      )}
    </Dialog>
  );
}
