// Stands in for the dockerd inside a VM in the fake limactl / wsl.exe tests: answers /_ping (with an
// Api-Version header) and /version on a unix socket path or a loopback TCP port, until killed.
import { createServer } from 'node:http';
import { rmSync } from 'node:fs';

const where = process.argv[2];
const server = createServer((req, res) => {
  res.setHeader('Api-Version', '1.45');
  if (req.url?.endsWith('/_ping')) return res.end('OK');
  res.setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify({ Version: '27.5.1', ApiVersion: '1.45', Os: 'linux', KernelVersion: 'fake-vm' }));
});
if (/^\d+$/.test(where)) server.listen(Number(where), '127.0.0.1');
else {
  rmSync(where, { force: true });
  server.listen(where);
}
const bye = () => server.close(() => process.exit(0));
process.on('SIGTERM', bye);
process.on('SIGINT', bye);
