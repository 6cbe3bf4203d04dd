// The Electron executable if it is present, without triggering the electron package's lazy
// download (electron 42+ downloads on first require, which fails where GitHub is unreachable).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function electronPath(root = join(dirname(fileURLToPath(import.meta.url)), '..')) {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  const rel = existsSync(pathFile)
    ? readFileSync(pathFile, 'utf8').trim()
    : process.platform === 'win32'
      ? 'electron.exe'
      : 'electron';
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(pkg, 'dist');
  const full = join(dist, rel);
  return existsSync(full) ? full : undefined;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.stdout.write(electronPath() ?? '');
