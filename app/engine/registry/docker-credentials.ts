// Credentials where the docker CLI keeps them, looked up as the CLI does: the registry's own helper
// (credHelpers[host]), else the default helper (credsStore), else the config file's `auths`
// (base64 "user:password"). The config is read on every call, so a `docker login` in a terminal
// shows up at once.
import { BerthError } from '../../shared/errors';
import { helperErase, helperGet, helperList, helperStore, TOKEN_USER, type HelperOptions } from './credential-helper';
import {
  decodeAuthEntry,
  dockerConfigPath,
  encodeAuthEntry,
  readDockerConfig,
  toHostname,
  writeDockerConfig,
  type DockerConfig,
} from './docker-config';
import { DOCKER_HUB, normalizeKey, sameRegistry } from './registry-key';

export interface RegistryCredential {
  username: string;
  password?: string;
  identitytoken?: string;
}

export type DockerPlace = { kind: 'docker-helper'; helper: string } | { kind: 'docker-file'; path: string };

export interface DockerListed {
  key: string;
  place: DockerPlace;
  username?: string;
  problem?: string;
}

function hostOf(key: string): string {
  return key === DOCKER_HUB ? 'index.docker.io' : toHostname(key);
}

export class DockerCredentials {
  constructor(private readonly opts: { env?: Record<string, string | undefined>; helper?: HelperOptions } = {}) {}

  get configPath(): string {
    return dockerConfigPath(this.opts.env);
  }

  private read(): DockerConfig {
    return readDockerConfig(this.configPath);
  }

  private helperFor(config: DockerConfig, key: string): string | undefined {
    const helpers = config.credHelpers ?? {};
    const host = hostOf(key);
    const own = helpers[host] ?? Object.entries(helpers).find(([h]) => sameRegistry(h, key))?.[1];
    return own || config.credsStore || undefined;
  }

  /** Where a credential for `key` is stored (and looked up). */
  placeFor(key: string, config: DockerConfig = this.read()): DockerPlace {
    const helper = this.helperFor(config, key);
    return helper ? { kind: 'docker-helper', helper } : { kind: 'docker-file', path: this.configPath };
  }

  /** The default helper (credsStore), if the config names one. */
  defaultHelper(): string | undefined {
    return this.read().credsStore || undefined;
  }

  /** The registry's own helper from credHelpers, if it has one. */
  ownHelper(key: string, config: DockerConfig = this.read()): string | undefined {
    const helpers = config.credHelpers ?? {};
    return helpers[hostOf(key)] ?? Object.entries(helpers).find(([h]) => sameRegistry(h, key))?.[1];
  }

  async get(key: string): Promise<{ credential: RegistryCredential; place: DockerPlace } | undefined> {
    const config = this.read();
    const place = this.placeFor(key, config);
    if (place.kind === 'docker-helper') {
      const c = await helperGet(place.helper, key, this.opts.helper);
      if (!c || (!c.Username && !c.Secret)) return undefined;
      const credential: RegistryCredential =
        c.Username === TOKEN_USER
          ? { username: '', identitytoken: c.Secret }
          : { username: c.Username, password: c.Secret };
      return { credential, place };
    }
    const auths = config.auths ?? {};
    const entry = auths[key] ?? Object.entries(auths).find(([k]) => sameRegistry(k, key))?.[1];
    if (!entry) return undefined;
    const d = decodeAuthEntry(entry);
    if (!d.username && !d.password && !d.identitytoken) return undefined;
    return { credential: { username: d.username ?? '', ...d }, place };
  }

  /** Stores as `docker login` would. `allowPlainFile: false` refuses to write a password into config.json. */
  async store(
    key: string,
    credential: RegistryCredential,
    { allowPlainFile }: { allowPlainFile: boolean },
  ): Promise<DockerPlace> {
    const config = this.read();
    const place = this.placeFor(key, config);
    if (place.kind === 'docker-helper') {
      const token = credential.identitytoken;
      await helperStore(
        place.helper,
        {
          ServerURL: key,
          Username: token ? TOKEN_USER : credential.username,
          Secret: token ?? credential.password ?? '',
        },
        this.opts.helper,
      );
      // As the CLI does: an entry without secrets, so the registry is known in config.json too.
      const fresh = this.read();
      fresh.auths = { ...(fresh.auths ?? {}), [key]: {} };
      writeDockerConfig(this.configPath, fresh);
      return place;
    }
    if (!allowPlainFile)
      throw new BerthError({
        kind: 'invalid',
        message: `The docker config ${this.configPath} has no credential helper, and Berth does not write passwords there in clear text while a keychain is available. Remember the sign-in in Berth's store, or configure a docker credential helper (credsStore).`,
      });
    config.auths = {
      ...(config.auths ?? {}),
      [key]: encodeAuthEntry(credential.username, credential.password, credential.identitytoken),
    };
    writeDockerConfig(this.configPath, config);
    return place;
  }

  /** Removes the credential as `docker logout` would; returns where it was, or undefined. */
  async erase(key: string): Promise<DockerPlace | undefined> {
    const config = this.read();
    const place = this.placeFor(key, config);
    const had = (await this.get(key).catch(() => undefined)) !== undefined;
    if (place.kind === 'docker-helper') await helperErase(place.helper, key, this.opts.helper);
    const auths = config.auths ?? {};
    const keys = Object.keys(auths).filter((k) => k === key || sameRegistry(k, key));
    if (keys.length) {
      for (const k of keys) delete auths[k];
      config.auths = auths;
      writeDockerConfig(this.configPath, config);
    }
    return had || keys.length ? place : undefined;
  }

  /** Every registry the docker config knows, with the user name when the place can tell. */
  async list(): Promise<DockerListed[]> {
    const config = this.read();
    const out = new Map<string, DockerListed>();
    const helperLists = new Map<string, Promise<Record<string, string> | BerthError>>();
    const listOf = (helper: string) => {
      if (!helperLists.has(helper))
        helperLists.set(
          helper,
          helperList(helper, { timeoutMs: 10000, ...this.opts.helper }).catch((e: unknown) => e as BerthError),
        );
      return helperLists.get(helper)!;
    };
    const add = async (rawKey: string) => {
      const key = normalizeKey(rawKey);
      if (out.has(key)) return;
      const place = this.placeFor(key, config);
      const item: DockerListed = { key, place };
      out.set(key, item);
      if (place.kind === 'docker-file') {
        const entry = Object.entries(config.auths ?? {}).find(([k]) => sameRegistry(k, key))?.[1];
        const d = entry ? decodeAuthEntry(entry) : {};
        if (d.username) item.username = d.username;
        if (!d.username && !d.password && !d.identitytoken) out.delete(key);
        return;
      }
      const listed = await listOf(place.helper);
      if (listed instanceof BerthError) item.problem = listed.message;
      else {
        const user = Object.entries(listed).find(([k]) => sameRegistry(k, key))?.[1];
        if (user !== undefined && user !== TOKEN_USER) item.username = user;
        else if (user === undefined && !config.credHelpers?.[hostOf(key)]) out.delete(key);
      }
    };
    for (const k of Object.keys(config.auths ?? {})) await add(k);
    for (const k of Object.keys(config.credHelpers ?? {})) await add(k);
    if (config.credsStore) {
      const listed = await listOf(config.credsStore);
      if (!(listed instanceof BerthError)) for (const k of Object.keys(listed)) await add(k);
    }
    return [...out.values()];
  }
}
