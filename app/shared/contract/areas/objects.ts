// images.*, volumes.* and networks.* requests.
import { z } from 'zod';
import { imageRef } from '../../rules';
import { request } from '../define';
import type { ImageSummary, NetworkSummary, TaskInfo, VolumeSummary } from '../dto';

const none = z.strictObject({});

export const objectRequests = {
  'images.list': request<ImageSummary[]>()(none),
  /** Starts a pull as a task; progress arrives on the tasks stream. */
  'images.pull': request<TaskInfo>()(z.strictObject({ ref: imageRef })),
  'images.remove': request<void>()(z.strictObject({ ref: z.string().min(1).max(512), force: z.boolean().default(false) })),
  'volumes.list': request<VolumeSummary[]>()(none),
  'networks.list': request<NetworkSummary[]>()(none),
};
