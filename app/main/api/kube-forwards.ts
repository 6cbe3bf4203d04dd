// This process's port-forwards: one PortForwards for every window and transport (a forward outlives
// the view that started it, as kubectl port-forward outlives nothing but its terminal), closed all
// together when Berth quits (backend close).
import { PortForwards } from '../../engine/kube';

let forwards: PortForwards | undefined;

export function kubeForwards(): PortForwards {
  forwards ??= new PortForwards();
  return forwards;
}

/** Stops every forward: their listeners and connections close. */
export async function closeKubeForwards(): Promise<void> {
  const f = forwards;
  forwards = undefined;
  await f?.closeAll();
}
