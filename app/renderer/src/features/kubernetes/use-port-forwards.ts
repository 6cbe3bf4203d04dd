// The active port-forwards, live (kube.portForwards: the whole list on each change), while the page
// is visible; closed when the view goes.
import { useState } from 'react';
import type { KubePortForwardDto } from '../../../../shared/contract/areas/kube-port-forward';
import { usePageVisible, useStream } from '../../api/hooks';

export function usePortForwards(): { forwards: KubePortForwardDto[]; error?: string } {
  const visible = usePageVisible();
  const [forwards, setForwards] = useState<KubePortForwardDto[]>([]);
  const [error, setError] = useState<string>();
  useStream('kube.portForwards', {}, 'forwards', {
    enabled: visible,
    onData(items) {
      const last = items.at(-1);
      if (last) setForwards(last);
      setError(undefined);
    },
    onEnd(e) {
      if (e) setError(e.message);
    },
  });
  return { forwards, ...(error ? { error } : {}) };
}

/** "127.0.0.1:8080" */
export const localAddress = (f: KubePortForwardDto) => `${f.host}:${f.localPort}`;
/** "service web:80" */
export const forwardTarget = (f: { kind: string; name: string; remotePort: number }) =>
  `${f.kind} ${f.name}:${f.remotePort}`;
