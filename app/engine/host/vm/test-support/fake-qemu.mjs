#!/usr/bin/env node
// A fake `qemu-system-x86_64` for the unit tests that must not boot a VM (qemu-host.int.test.ts and
// linux-vm*.int.test.ts boot the real one). It offers what Berth uses of a running QEMU, from the
// command line QemuHost writes: the -pidfile, QMP on the -qmp socket (greeting, qmp_capabilities,
// query-status, system_powerdown, quit), the console and control sockets, and an engine with mutual
// TLS (the -fw_cfg certificates) on the forwarded port. "stop" on the control port and the power
// button end it as the guest would. FAKE_QEMU (comma-separated): fail (the guest reports a failure),
// kvm-msr (with -enable-kvm: QEMU's abort on a nested host), no-engine, ignore-powerdown.
// FAKE_QEMU_LOG: a file that gets the arguments and each QMP command, one line each.
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttps } from 'node:https';
import { createServer } from 'node:net';

const args = process.argv.slice(2);
const flags = new Set((process.env.FAKE_QEMU ?? '').split(',').filter(Boolean));
const log = (line) => process.env.FAKE_QEMU_LOG && appendFileSync(process.env.FAKE_QEMU_LOG, `${line}\n`);
const after = (flag) => args.flatMap((a, i) => (a === flag ? [args[i + 1]] : []));
const unq = (v) => v.replace(/,,/g, ',');
const optPath = (v) => unq(/(?:^|,)path=((?:[^,]|,,)*)/.exec(v)?.[1] ?? '');
log(`args ${JSON.stringify(args)}`);

if (flags.has('kvm-msr') && args.includes('-enable-kvm')) {
  process.stderr.write('qemu-system-x86_64: error: failed to set MSR 0x10a to 0x69\n');
  process.exit(134);
}

const pidFile = after('-pidfile')[0];
const qmpPath = unq(/^unix:((?:[^,]|,,)*)/.exec(after('-qmp')[0] ?? '')?.[1] ?? '');
const chardev = (id) => optPath(after('-chardev').find((c) => c.startsWith(`socket,id=${id},`)) ?? '');
const port = Number(/hostfwd=tcp:127\.0\.0\.1:(\d+)-/.exec(after('-netdev')[0] ?? '')?.[1]);
const fwCfg = Object.fromEntries(
  after('-fw_cfg').map((v) => [/name=opt\/berth\/([\w-]+)/.exec(v)[1], unq(/,file=(.*)$/.exec(v)[1])]),
);

const consoles = new Set();
const say = (text) => {
  for (const c of consoles) c.write(`${text}\n`);
};
const servers = [];
let ending = false;
function end(code, why) {
  if (ending) return;
  ending = true;
  log(`exit ${why}`);
  say(`BERTH-VM-STOPPING (${why})`);
  say('BERTH-VM-STOPPED');
  setTimeout(() => {
    if (pidFile) rmSync(pidFile, { force: true });
    process.exit(code);
  }, 50);
}
process.on('SIGTERM', () => end(0, 'SIGTERM'));

function serve(path, onConnection) {
  if (!path) return;
  rmSync(path, { force: true });
  const server = createServer(onConnection).listen(path);
  servers.push(server);
}

serve(chardev('console'), (sock) => {
  consoles.add(sock);
  sock.on('close', () => consoles.delete(sock));
  sock.on('error', () => undefined);
  if (flags.has('fail')) {
    sock.write('BERTH-VM-FAIL fake QEMU\n');
    setTimeout(() => process.exit(1), 50);
  } else sock.write('BERTH-VM-ROOT-READY\nBERTH-VM-ENGINE-STARTING\n');
});

serve(chardev('control'), (sock) => {
  sock.on('error', () => undefined);
  sock.setEncoding('utf8');
  sock.on('data', (d) => {
    if (d.split('\n').includes('stop')) end(0, 'stop');
  });
});

serve(qmpPath, (sock) => {
  sock.on('error', () => undefined);
  sock.setEncoding('utf8');
  const reply = (id, body) => sock.write(`${JSON.stringify({ ...body, id })}\n`);
  sock.write(`${JSON.stringify({ QMP: { version: { qemu: { major: 7, minor: 2, micro: 0 } }, capabilities: [] } })}\n`);
  let buf = '';
  sock.on('data', (d) => {
    buf += d;
    let nl;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const { execute, id } = JSON.parse(buf.slice(0, nl));
      buf = buf.slice(nl + 1);
      log(`qmp ${execute}`);
      if (execute === 'qmp_capabilities') reply(id, { return: {} });
      else if (execute === 'query-status') reply(id, { return: { status: 'running', running: true } });
      else if (execute === 'system_powerdown') {
        reply(id, { return: {} });
        if (!flags.has('ignore-powerdown')) end(0, 'powerdown');
      } else if (execute === 'quit') {
        reply(id, { return: {} });
        end(0, 'quit');
      } else reply(id, { error: { class: 'CommandNotFound', desc: `The command ${execute} has not been found` } });
    }
  });
});

if (port && !flags.has('fail') && !flags.has('no-engine')) {
  const engine = createHttps(
    {
      ca: readFileSync(fwCfg.ca),
      cert: readFileSync(fwCfg['server-cert']),
      key: readFileSync(fwCfg['server-key']),
      requestCert: true,
      rejectUnauthorized: true,
    },
    (req, res) => {
      res.setHeader('Api-Version', '1.41');
      res.end(req.url?.endsWith('/_ping') ? 'OK' : '{}');
    },
  ).listen(port, '127.0.0.1');
  servers.push(engine);
}

if (pidFile) writeFileSync(pidFile, `${process.pid}\n`);
