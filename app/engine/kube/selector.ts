// A label selector (a workload's spec.selector, or a service's selector as match labels) in the
// API's labelSelector query syntax: equality and set-based terms, as the API server reads them.
import type { V1LabelSelector } from '@kubernetes/client-node';

export function selectorQuery(s: V1LabelSelector | undefined): string {
  const terms = Object.entries(s?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of s?.matchExpressions ?? []) {
    const values = (e.values ?? []).join(',');
    if (e.operator === 'In') terms.push(`${e.key} in (${values})`);
    else if (e.operator === 'NotIn') terms.push(`${e.key} notin (${values})`);
    else if (e.operator === 'Exists') terms.push(e.key);
    else if (e.operator === 'DoesNotExist') terms.push(`!${e.key}`);
  }
  return terms.join(',');
}
