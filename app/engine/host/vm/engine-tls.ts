// Mutual TLS for an engine Berth reaches over TCP (its VMs' forwarded port): a private CA, a server
// certificate for dockerd in the VM and a client certificate for Berth, made once with openssl and
// kept readable by the user alone. dockerd runs with --tlsverify, so only a holder of the client key
// can use the engine — not every local process, as with a plain loopback port.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findBinary } from '../binaries';
import { EngineStepError } from '../step-error';

export interface EngineTlsFiles {
  dir: string;
  ca: string;
  /** For dockerd inside the VM. */
  serverCert: string;
  serverKey: string;
  /** For Berth (and the docker CLI: DOCKER_CERT_PATH=dir, DOCKER_TLS_VERIFY=1). */
  cert: string;
  key: string;
}

/** The client side, as EngineAddress's `tls` takes it. */
export interface EngineTlsMaterial {
  ca: string;
  cert: string;
  key: string;
}

export function engineTlsFiles(dir: string): EngineTlsFiles {
  return {
    dir,
    ca: join(dir, 'ca.pem'),
    serverCert: join(dir, 'server-cert.pem'),
    serverKey: join(dir, 'server-key.pem'),
    cert: join(dir, 'cert.pem'),
    key: join(dir, 'key.pem'),
  };
}

const DAYS = '3650';

/**
 * Makes the CA and both certificates in `dir` unless they are all there. `ips` and `names` go into
 * the server certificate's subjectAltName (the addresses Berth dials: 127.0.0.1, localhost).
 */
export function ensureEngineTls(
  dir: string,
  opts: { ips?: string[]; names?: string[]; env?: Record<string, string | undefined>; openssl?: string } = {},
): EngineTlsFiles {
  const f = engineTlsFiles(dir);
  if ([f.ca, f.serverCert, f.serverKey, f.cert, f.key].every((p) => existsSync(p))) return f;
  const openssl = findBinary(opts.openssl ?? 'openssl', opts.env ?? process.env);
  if (!openssl)
    throw new EngineStepError(
      'unavailable',
      "Berth secures its VM's engine port with TLS certificates it makes with openssl, which is not installed.",
      'Install it with `sudo apt-get install openssl`.',
    );
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const run = (args: string[]) => execFileSync(openssl, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const key = (file: string) => run(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', file]);
  const sign = (csr: string, out: string, ext: string) => {
    const extFile = join(dir, `${out}.ext`);
    writeFileSync(extFile, ext);
    run([
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca-key.pem',
      '-CAcreateserial',
      '-days',
      DAYS,
      '-sha256',
      '-extfile',
      extFile,
      '-out',
      out,
    ]);
    rmSync(extFile);
    rmSync(join(dir, csr));
  };
  try {
    key('ca-key.pem');
    run([
      'req',
      '-x509',
      '-new',
      '-key',
      'ca-key.pem',
      '-subj',
      '/CN=Berth engine CA',
      '-days',
      DAYS,
      '-sha256',
      '-out',
      'ca.pem',
    ]);
    key('server-key.pem');
    run(['req', '-new', '-key', 'server-key.pem', '-subj', '/CN=berth-vm', '-out', 'server.csr']);
    const san = [
      ...(opts.ips ?? ['127.0.0.1']).map((ip) => `IP:${ip}`),
      ...(opts.names ?? ['localhost']).map((n) => `DNS:${n}`),
    ].join(',');
    sign('server.csr', 'server-cert.pem', `subjectAltName=${san}\nextendedKeyUsage=serverAuth\n`);
    key('key.pem');
    run(['req', '-new', '-key', 'key.pem', '-subj', '/CN=berth', '-out', 'client.csr']);
    sign('client.csr', 'cert.pem', 'extendedKeyUsage=clientAuth\n');
  } catch (err) {
    const e = err as { stderr?: Buffer; message: string };
    rmSync(dir, { recursive: true, force: true });
    throw new EngineStepError(
      'internal',
      `Berth could not make the TLS certificates for its VM's engine: ${(e.stderr?.toString() || e.message).trim().split('\n')[0]}.`,
      'Check that openssl works (`openssl version`), then start the engine again.',
    );
  }
  // The CA key is not needed again: new certificates mean a new CA.
  rmSync(join(dir, 'ca-key.pem'), { force: true });
  rmSync(join(dir, 'ca.srl'), { force: true });
  for (const p of [f.ca, f.serverCert, f.serverKey, f.cert, f.key]) chmodSync(p, 0o600);
  return f;
}

/** The client side's PEM text, for EngineAddress's `tls`. */
export function clientTls(files: EngineTlsFiles): EngineTlsMaterial {
  return {
    ca: readFileSync(files.ca, 'utf8'),
    cert: readFileSync(files.cert, 'utf8'),
    key: readFileSync(files.key, 'utf8'),
  };
}
