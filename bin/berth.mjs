#!/usr/bin/env node
// `berth`: opens the desktop app through Electron; `berth serve`, `berth diagnose` run on plain Node.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'out/main/cli.js');
const [command] = process.argv.slice(2);

if (!existsSync(cli)) {
  process.stderr.write('berth: Berth is not built yet. Run `npm run build` in ' + root + ' first.\n');
  process.exit(1);
}

if (command !== undefined) {
  await import(cli);
} else {
  const { electronPath } = await import('./electron-path.mjs');
  const electron = electronPath(root);
  if (!electron) {
    process.stderr.write(
      'berth: the Electron runtime is not installed here, so the desktop window cannot open.\n' +
        'Run `berth serve` to use Berth in your browser instead, or install the runtime with `npx install-electron` where the network allows it.\n',
    );
    process.exit(1);
  }
  const child = spawn(electron, [root, ...process.argv.slice(3)], { stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
}
