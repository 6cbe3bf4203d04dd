// The user's clusters for this process: one KubeClusters reading KUBECONFIG / ~/.kube/config as
// kubectl does, made on first use (Berth never touches a cluster until the Kubernetes view asks),
// and made again if KUBECONFIG changes.
import { KubeClusters } from '../../engine/kube';

let clusters: KubeClusters | undefined;
let madeFor: string | undefined;

export function kubeClusters(): KubeClusters {
  if (!clusters || madeFor !== process.env.KUBECONFIG) {
    madeFor = process.env.KUBECONFIG;
    clusters = new KubeClusters({ kubeconfig: madeFor });
  }
  return clusters;
}
