// The environment the compose CLI runs in: pointed at Berth's active engine through DOCKER_HOST,
// never at the system default by accident (DOCKER_CONTEXT and inherited DOCKER_* are dropped).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineAddress } from '../docker/client';

/** The DOCKER_HOST URL for an engine address. */
export function dockerHostUrl(address: EngineAddress): string {
  switch (address.kind) {
    case 'unix':
      return `unix://${address.socketPath}`;
    case 'tcp':
      return `tcp://${address.host.includes(':') ? `[${address.host}]` : address.host}:${address.port}`;
    case 'ssh':
      return `ssh://${address.username ? `${encodeURIComponent(address.username)}@` : ''}${address.host}${address.port ? `:${address.port}` : ''}`;
  }
}

const DROPPED = [
  'DOCKER_HOST',
  'DOCKER_CONTEXT',
  'DOCKER_TLS_VERIFY',
  'DOCKER_CERT_PATH',
  'COMPOSE_FILE',
  'COMPOSE_PROJECT_NAME',
  'COMPOSE_PROFILES',
];

export interface ComposeEnv {
  env: NodeJS.ProcessEnv;
  /** Removes the temporary TLS files, if any. */
  dispose(): void;
}

export function composeEnv(address: EngineAddress, base: NodeJS.ProcessEnv = process.env): ComposeEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(base)) if (!DROPPED.includes(k)) env[k] = v;
  env.DOCKER_HOST = dockerHostUrl(address);
  let certDir: string | undefined;
  if (address.kind === 'tcp' && address.tls) {
    certDir = mkdtempSync(join(tmpdir(), 'berth-compose-tls-'));
    const { ca, cert, key } = address.tls;
    if (ca) writeFileSync(join(certDir, 'ca.pem'), ca, { mode: 0o600 });
    if (cert) writeFileSync(join(certDir, 'cert.pem'), cert, { mode: 0o600 });
    if (key) writeFileSync(join(certDir, 'key.pem'), key, { mode: 0o600 });
    env.DOCKER_CERT_PATH = certDir;
    env.DOCKER_TLS_VERIFY = '1';
  }
  return {
    env,
    dispose: () => {
      if (certDir) rmSync(certDir, { recursive: true, force: true });
    },
  };
}
