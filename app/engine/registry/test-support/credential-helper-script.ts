// A small but real docker-credential-<name> helper for tests, written into a temp dir to put on
// PATH: it speaks the helper protocol (get/store/erase/list on stdin/stdout) and keeps its
// credentials in a JSON file next to it. Both Berth and the docker CLI can use it.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SCRIPT = `
const fs = require('fs');
const db = process.env.BERTH_TEST_HELPER_DB || __dirname + '/db.json';
const load = () => { try { return JSON.parse(fs.readFileSync(db, 'utf8')); } catch { return {}; } };
const save = (d) => fs.writeFileSync(db, JSON.stringify(d));
let input = '';
process.stdin.on('data', (c) => (input += c));
process.stdin.on('end', () => {
  const d = load();
  const action = process.argv[2];
  fs.appendFileSync(db + '.log', action + '\\n');
  if (action === 'get') {
    const e = d[input.trim()];
    if (!e) { process.stdout.write('credentials not found in native keychain'); process.exit(1); }
    process.stdout.write(JSON.stringify({ ServerURL: input.trim(), Username: e.Username, Secret: e.Secret }));
  } else if (action === 'store') {
    const c = JSON.parse(input);
    d[c.ServerURL] = { Username: c.Username, Secret: c.Secret };
    save(d);
  } else if (action === 'erase') {
    if (!d[input.trim()]) { process.stdout.write('credentials not found in native keychain'); process.exit(1); }
    delete d[input.trim()];
    save(d);
  } else if (action === 'list') {
    const out = {};
    for (const [k, v] of Object.entries(d)) out[k] = v.Username;
    process.stdout.write(JSON.stringify(out));
  } else { process.stdout.write('unknown action'); process.exit(1); }
});
`;

export interface TestHelper {
  /** The helper's name, for credsStore / credHelpers. */
  name: string;
  /** The dir to put first on PATH. */
  dir: string;
  /** What the helper holds: server URL → {Username, Secret}. */
  entries(): Record<string, { Username: string; Secret: string }>;
  /** The actions it was asked to do, in order. */
  actions(): string[];
  cleanup(): void;
}

export function writeCredentialHelper(name = 'berthtest'): TestHelper {
  const dir = mkdtempSync(join(tmpdir(), 'berth-cred-helper-'));
  const bin = join(dir, `docker-credential-${name}`);
  writeFileSync(bin, `#!${process.execPath}\n${SCRIPT}`);
  chmodSync(bin, 0o755);
  const read = (f: string, empty: string) => {
    try {
      return readFileSync(join(dir, f), 'utf8');
    } catch {
      return empty;
    }
  };
  return {
    name,
    dir,
    entries: () => JSON.parse(read('db.json', '{}')) as Record<string, { Username: string; Secret: string }>,
    actions: () => read('db.json.log', '').split('\n').filter(Boolean),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
