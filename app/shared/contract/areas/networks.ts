// networks.* requests: list, create, inspect, remove (built-ins refused), connect and disconnect.
import { z } from 'zod';
import { containerRef, objectName } from '../../rules';
import { request } from '../define';
import type { NetworkSummary } from '../dto';

const none = z.strictObject({});

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

export const subnet = z
  .string()
  .regex(/^[0-9a-fA-F:.]+\/\d{1,3}$/, 'A subnet is written address/prefix, e.g. 172.30.0.0/16.')
  .refine((s) => {
    const [addr = '', bits = ''] = s.split('/');
    return addr.includes(':') ? Number(bits) <= 128 : IPV4.test(addr) && Number(bits) <= 32;
  }, 'A subnet is written address/prefix, e.g. 172.30.0.0/16.');

export const gateway = z
  .string()
  .refine((s) => IPV4.test(s) || /^[0-9a-fA-F:]+$/.test(s), 'A gateway is one address, e.g. 172.30.0.1.');

export const networkDrivers = ['bridge', 'macvlan', 'ipvlan', 'overlay'] as const;

export const networkCreateSpec = z
  .strictObject({
    name: objectName.refine(
      (n) => !['bridge', 'host', 'none'].includes(n),
      "bridge, host and none are the engine's own networks; choose another name.",
    ),
    driver: z.enum(networkDrivers).default('bridge'),
    subnet: subnet.optional(),
    gateway: gateway.optional(),
    internal: z.boolean().default(false),
    /** Overlay only: standalone containers may join it too (docker network create --attachable). */
    attachable: z.boolean().default(false),
  })
  .refine((s) => !s.attachable || s.driver === 'overlay', {
    message: 'Only an overlay network is attachable: other networks take containers anyway.',
    path: ['attachable'],
  })
  .refine((s) => !s.gateway || !!s.subnet, {
    message: 'A gateway needs a subnet to lie in; give the subnet too.',
    path: ['gateway'],
  });
export type NetworkCreateSpec = z.input<typeof networkCreateSpec>;

export const networkRequests = {
  'networks.list': request<NetworkSummary[]>()(none),
  'networks.create': request<NetworkSummary>()(networkCreateSpec),
  'networks.inspect': request<Record<string, unknown>>()(z.strictObject({ name: objectName })),
  /** Built-in networks are refused with a sentence; attached containers are named. */
  'networks.remove': request<void>()(z.strictObject({ name: objectName })),
  'networks.connect': request<void>()(z.strictObject({ name: objectName, container: containerRef })),
  'networks.disconnect': request<void>()(
    z.strictObject({ name: objectName, container: containerRef, force: z.boolean().default(false) }),
  ),
};
