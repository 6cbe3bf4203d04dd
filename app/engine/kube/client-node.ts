// @kubernetes/client-node, loaded on first use: its import costs about a second of CPU (hundreds of
// generated model modules), which `berth serve` and the desktop app would otherwise pay at start
// whether or not the user ever opens a Kubernetes view.
import type * as ClientNode from '@kubernetes/client-node';
import { lazyModule } from '../util/lazy-module';

export const clientNode = lazyModule<typeof ClientNode>('@kubernetes/client-node');
