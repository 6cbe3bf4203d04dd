// Berth's own credential store: one JSON file in Berth's config dir, mode 0600. With a secret box
// (the desktop app's keychain) each secret is sealed by it and the file holds only ciphertext; without
// one (`berth serve`) a secret is written only because the user chose to remember it there.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RegistryCredential } from '../../engine/registry/docker-credentials';
import { writeJsonAtomically } from '../../engine/util/atomic-write';
import { BerthError } from '../../shared/errors';
import type { SecretBox } from './secret-box';

export const STORE_FILE = 'registry-credentials.json';

interface StoredEntry {
  username: string;
  /** The secret sealed by the keychain, base64. */
  sealed?: string;
  /** The secret in clear, only in a store without a keychain (the user asked for it). */
  secret?: string;
  /** The secret is an identity token, not a password. */
  token?: boolean;
}

interface StoreFile {
  version: 1;
  entries: Record<string, StoredEntry>;
}

export type BerthPlace = { kind: 'berth-keychain'; store: string } | { kind: 'berth-file'; path: string };

export interface BerthListed {
  key: string;
  username: string;
  place: BerthPlace;
  problem?: string;
}

export class BerthStore {
  readonly path: string;

  constructor(
    configDir: string,
    private readonly box: () => Promise<SecretBox | undefined>,
  ) {
    this.path = join(configDir, STORE_FILE);
  }

  /** Where a new credential goes. */
  async place(): Promise<BerthPlace> {
    const box = await this.box();
    return box ? { kind: 'berth-keychain', store: box.name } : { kind: 'berth-file', path: this.path };
  }

  private read(): StoreFile {
    try {
      const v = JSON.parse(readFileSync(this.path, 'utf8')) as StoreFile;
      return v && typeof v.entries === 'object' && v.entries ? v : { version: 1, entries: {} };
    } catch {
      return { version: 1, entries: {} };
    }
  }

  private write(file: StoreFile): void {
    try {
      writeJsonAtomically(this.path, file);
    } catch (err) {
      throw new BerthError({
        kind: 'unavailable',
        message: `Could not save the sign-in in ${this.path}: ${(err as NodeJS.ErrnoException).code ?? 'write error'}. Check the folder's permissions.`,
      });
    }
  }

  private async open(entry: StoredEntry): Promise<RegistryCredential> {
    let secret: string;
    if (entry.sealed !== undefined) {
      const box = await this.box();
      if (!box)
        throw new BerthError({
          kind: 'unavailable',
          message:
            "This sign-in is sealed by the desktop app's keychain, which `berth serve` cannot open. Sign in again here, or use the desktop app.",
        });
      try {
        secret = await box.decrypt(Buffer.from(entry.sealed, 'base64'));
      } catch {
        throw new BerthError({
          kind: 'unavailable',
          message: `The keychain (${box.name}) could not open this sign-in; it was probably saved by another user or keychain. Sign in again.`,
        });
      }
    } else secret = entry.secret ?? '';
    return entry.token
      ? { username: entry.username, identitytoken: secret }
      : { username: entry.username, password: secret };
  }

  async get(key: string): Promise<RegistryCredential | undefined> {
    const entry = this.read().entries[key];
    return entry ? this.open(entry) : undefined;
  }

  async put(key: string, credential: RegistryCredential): Promise<BerthPlace> {
    const box = await this.box();
    const secret = credential.identitytoken ?? credential.password ?? '';
    const entry: StoredEntry = {
      username: credential.username,
      ...(box ? { sealed: (await box.encrypt(secret)).toString('base64') } : { secret }),
      ...(credential.identitytoken ? { token: true } : {}),
    };
    const file = this.read();
    file.entries[key] = entry;
    this.write(file);
    return this.place();
  }

  /** Removes the entry; returns where it was, or undefined. */
  async remove(key: string): Promise<BerthPlace | undefined> {
    const file = this.read();
    const entry = file.entries[key];
    if (!entry) return undefined;
    delete file.entries[key];
    this.write(file);
    return this.placeOf(entry, await this.box());
  }

  private placeOf(entry: StoredEntry, box: SecretBox | undefined): BerthPlace {
    if (entry.sealed === undefined) return { kind: 'berth-file', path: this.path };
    return { kind: 'berth-keychain', store: box?.name ?? "the desktop app's keychain" };
  }

  async list(): Promise<BerthListed[]> {
    const box = await this.box();
    return Object.entries(this.read().entries).map(([key, e]) => ({
      key,
      username: e.username,
      place: this.placeOf(e, box),
      ...(e.sealed !== undefined && !box
        ? {
            problem:
              "Saved in the desktop app's keychain, which `berth serve` cannot open. Sign in again to use it here.",
          }
        : {}),
    }));
  }
}
