// Every stream the UI can subscribe to. Data items are batched by the server and acknowledged
// by the client for flow control; closing the view unsubscribes.
import { z } from 'zod';
import { containerRef } from '../rules';
import { logWindowFields, refineLogWindow } from '../log-window';
import { subscription, type SubscriptionDef } from './define';
import type { BytesItem } from './frames';
import { execInput, type ExecItem } from './exec-input';
import { composeSubscriptions } from './areas/compose';
import { systemSubscriptions } from './areas/system';
import { transferSubscriptions } from './areas/transfers';
import { swarmSubscriptions } from './areas/swarm';
import type { EngineEvent, EngineStatus, StatsSample, TaskInfo } from './dto';
import { kubeSubscriptions } from './areas/kube';
import { kubePortForwardSubscriptions } from './areas/kube-port-forward';
import { troubleshootSubscriptions } from './areas/troubleshoot';

export type { DownloadItem, UploadInput, UploadItem } from './areas/transfers';

const none = z.strictObject({});

export { MAX_EXEC_INPUT_BYTES, execInput, type ExecInput, type ExecItem } from './exec-input';

export const subscriptions = {
  /** The engine's state; the first item is the current state. */
  'engine.status': subscription<EngineStatus>()(none),
  /** Engine events (container, image, volume, network …). */
  'engine.events': subscription<EngineEvent>()(none),
  /**
   * One container's logs, as the container wrote them: bytes of its stdout, and of its stderr
   * (`stderr`), in order. With `timestamps` each line starts with the engine's RFC 3339 time and a
   * space. The page splits lines itself (shared/log-lines.ts). `since` / `until` choose a time window
   * (shared/log-window.ts); with `until` the stream ends at the window's end instead of following.
   */
  'containers.logs': subscription<BytesItem>()(
    z
      .strictObject({
        id: containerRef,
        follow: z.boolean().default(true),
        tail: z.union([z.number().int().min(0).max(10_000_000), z.literal('all')]).default(1000),
        ...logWindowFields,
        timestamps: z.boolean().default(true),
      })
      .superRefine(refineLogWindow),
  ),
  /** Live stats of one container (detail view). */
  'containers.stats': subscription<StatsSample>()(z.strictObject({ id: containerRef })),
  /** Cheap samples (every 2 s) for the rows a list shows; one shared sampler per engine. */
  'stats.sample': subscription<StatsSample>()(z.strictObject({ ids: z.array(containerRef).max(200) })),
  /**
   * A terminal in a container. Without `shell` the exec chooses bash when the container has it,
   * else sh. Input carries keystrokes (bytes) and resizes; input sent before the exec runs waits
   * for it on the server.
   */
  'containers.exec': subscription<ExecItem>()(
    z.strictObject({
      id: containerRef,
      shell: z.string().max(256).optional(),
      user: z.string().max(64).optional(),
      cols: z.number().int().min(1).max(1000).default(80),
      rows: z.number().int().min(1).max(1000).default(24),
    }),
    execInput,
  ),
  /**
   * A debug shell beside a running container, also one without a shell: busybox in a helper that
   * joins its PID and network namespaces (its files at /proc/1/root); the helper goes when this closes.
   */
  'containers.debug': subscription<ExecItem>()(
    z.strictObject({
      id: containerRef,
      cols: z.number().int().min(1).max(1000).default(80),
      rows: z.number().int().min(1).max(1000).default(24),
    }),
    execInput,
  ),
  /** Long operations; the first item is every known task, then each change. */
  tasks: subscription<TaskInfo>()(none),
  ...composeSubscriptions,
  ...systemSubscriptions,
  ...transferSubscriptions,
  ...swarmSubscriptions,
  ...kubeSubscriptions,
  ...kubePortForwardSubscriptions,
  ...troubleshootSubscriptions,
};

export type Subscriptions = typeof subscriptions;
export type SubscriptionName = keyof Subscriptions;
export type SubscriptionArgs<T extends SubscriptionName> = z.input<Subscriptions[T]['args']>;
export type SubscriptionData<T extends SubscriptionName> =
  Subscriptions[T] extends SubscriptionDef<z.ZodType, infer D, z.ZodType | undefined> ? D : never;
export type SubscriptionInput<T extends SubscriptionName> = Subscriptions[T]['input'] extends z.ZodType
  ? z.input<Subscriptions[T]['input']>
  : never;
