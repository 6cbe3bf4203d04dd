// host.* requests: native pickers where the desktop shell provides them.
import { BerthError } from '../../../shared/errors';
import type { RequestHandlers } from '../types';

export const hostHandlers: Pick<RequestHandlers, 'host.capabilities' | 'host.pick'> = {
  'host.capabilities': async (_a, { dialogs }) => ({ filePicker: !!dialogs }),
  'host.pick': async (opts, { dialogs }) => {
    if (!dialogs)
      throw new BerthError({
        kind: 'invalid',
        message: 'Choosing files needs the desktop app. In the browser, type the path instead.',
      });
    return { path: (await dialogs.pick(opts)) ?? null };
  },
};
