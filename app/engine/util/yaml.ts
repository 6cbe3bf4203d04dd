// The yaml library, loaded on first use (compose files, kubeconfigs, manifests, Lima templates): it
// is not needed to start Berth or show its lists.
import type * as Yaml from 'yaml';
import { lazyModule } from './lazy-module';

export const yaml = lazyModule<typeof Yaml>('yaml');
