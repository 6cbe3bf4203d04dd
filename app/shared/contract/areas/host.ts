// host.* requests: what the shell around the UI can do (the desktop app can show native file
// pickers; a browser on `berth serve` cannot, and types paths instead).
import { z } from 'zod';
import { request } from '../define';

export const pickOptions = z.strictObject({
  kind: z.enum(['file', 'folder']),
  title: z.string().min(1).max(200),
  filters: z
    .array(
      z.strictObject({ name: z.string().max(100), extensions: z.array(z.string().regex(/^[\w*]{1,16}$/)).max(20) }),
    )
    .max(10)
    .default([]),
});
export type PickOptions = z.output<typeof pickOptions>;

export const hostRequests = {
  'host.capabilities': request<{ filePicker: boolean }>()(z.strictObject({})),
  /** A native file or folder picker on the machine Berth runs on; `path` is null when the user cancels. */
  'host.pick': request<{ path: string | null }>()(pickOptions),
};
