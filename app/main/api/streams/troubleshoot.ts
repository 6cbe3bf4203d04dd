// troubleshoot.bundle: the diagnostics bundle as a download, collected part by part as it is read.
import { openDiagnosticsBundle } from '../../../engine/host';
import { bundleParts } from '../../troubleshoot/bundle-parts';
import type { SubscriptionHandlers } from '../types';
import { downloadItems } from './transfers';

export const troubleshootStreams: Pick<SubscriptionHandlers, 'troubleshoot.bundle'> = {
  'troubleshoot.bundle': (_a, ctx) => ({
    items: downloadItems(openDiagnosticsBundle(bundleParts(ctx), { signal: ctx.signal })),
  }),
};
