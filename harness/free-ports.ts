// Host ports for tests that publish container ports: a run of free ones, chosen below Linux's
// ephemeral range (32768+) so that no outgoing connection of this machine can be holding them.
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';

const LOW = 20000;
const HIGH = 32000;

function tcpFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen({ port, host, ipv6Only: host === '::' }, () => s.close(() => resolve(true)));
  });
}

function udpFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createSocket('udp4');
    s.once('error', () => resolve(false));
    s.bind(port, '0.0.0.0', () => s.close(() => resolve(true)));
  });
}

async function portFree(port: number): Promise<boolean> {
  return (await tcpFree(port, '0.0.0.0')) && (await tcpFree(port, '::').catch(() => true)) && (await udpFree(port));
}

/** The first of `count` consecutive ports that are free now for TCP (IPv4 and IPv6) and UDP. */
export async function freePortRange(count = 1): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const base = LOW + Math.floor(Math.random() * (HIGH - LOW - count));
    let free = true;
    for (let p = base; p < base + count && free; p++) free = await portFree(p);
    if (free) return base;
  }
  throw new Error(`No ${count} consecutive free ports between ${LOW} and ${HIGH} on this machine.`);
}
