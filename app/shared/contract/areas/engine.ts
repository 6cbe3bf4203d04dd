// engine.* and tasks.* requests.
import { z } from 'zod';
import { request } from '../define';
import type { EngineInfo, EngineStatus, TaskInfo } from '../dto';

const none = z.strictObject({});

export const engineRequests = {
  'engine.status': request<EngineStatus>()(none),
  'engine.info': request<EngineInfo>()(none),
  'engine.start': request<EngineStatus>()(none),
  'engine.stop': request<EngineStatus>()(none),
  'engine.restart': request<EngineStatus>()(none),

  'tasks.list': request<TaskInfo[]>()(none),
  'tasks.cancel': request<void>()(z.strictObject({ id: z.string().min(1).max(64) })),
  /** Forgets every finished task (done, failed, cancelled); running ones stay. Returns how many went. */
  'tasks.clear': request<{ cleared: number }>()(none),
};
