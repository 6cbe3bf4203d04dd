// Every place a registry sign-in can live, in the order Berth uses them for pulls and pushes:
// this session's memory, Berth's own store, then the docker CLI's (helper or config file).
import type { EngineClient } from '../../engine/docker/client';
import type { RegistryAuth } from '../../engine/docker/image-pull';
import { checkSignIn } from '../../engine/registry/check-sign-in';
import type { DockerCredentials, RegistryCredential } from '../../engine/registry/docker-credentials';
import { DOCKER_HUB, registryKeyOf, registryLabel } from '../../engine/registry/registry-key';
import type {
  CredentialPlace,
  RegistriesResult,
  RegistryEntry,
  RememberChoice,
  SignInResult,
  StoreOption,
} from '../../shared/contract/areas/registries';
import { BerthStore } from './berth-store';
import type { SecretBox } from './secret-box';

export interface Resolved {
  credential: RegistryCredential;
  place: CredentialPlace;
}

export class RegistryCredentials {
  private session = new Map<string, RegistryCredential>();
  readonly berth: BerthStore;

  constructor(
    readonly docker: DockerCredentials,
    configDir: string,
    private readonly box: () => Promise<SecretBox | undefined>,
  ) {
    this.berth = new BerthStore(configDir, box);
  }

  /** The credential Berth uses for `key`, and where it lives; undefined when signed out. */
  async resolve(key: string): Promise<Resolved | undefined> {
    const s = this.session.get(key);
    if (s) return { credential: s, place: { kind: 'session' } };
    let berth: RegistryCredential | undefined;
    try {
      berth = await this.berth.get(key);
    } catch {
      berth = undefined; // sealed by a keychain this process cannot open: fall through to docker's
    }
    if (berth) return { credential: berth, place: await this.berth.place() };
    const d = await this.docker.get(key);
    return d ? { credential: d.credential, place: d.place } : undefined;
  }

  /** X-Registry-Auth for a pull or push of `ref`; undefined when not signed in (or unreadable). */
  async authFor(ref: string): Promise<RegistryAuth | undefined> {
    let key: string;
    try {
      key = registryKeyOf(ref);
    } catch {
      return undefined; // the facade refuses the reference with its own sentence
    }
    const r = await this.resolve(key).catch(() => undefined);
    if (!r) return undefined;
    const c = r.credential;
    return {
      serveraddress: key,
      ...(c.username ? { username: c.username } : {}),
      ...(c.password ? { password: c.password } : {}),
      ...(c.identitytoken ? { identitytoken: c.identitytoken } : {}),
    };
  }

  /** Every usable sign-in, keyed by registry: the X-Registry-Config a build sends for its FROM pulls. */
  async allAuths(): Promise<Record<string, RegistryAuth>> {
    const out: Record<string, RegistryAuth> = {};
    for (const r of (await this.list()).registries) {
      if (!r.places.length) continue;
      const found = await this.resolve(r.key).catch(() => undefined);
      if (!found) continue;
      const c = found.credential;
      out[r.key] = {
        serveraddress: r.key,
        ...(c.username ? { username: c.username } : {}),
        ...(c.password ? { password: c.password } : {}),
        ...(c.identitytoken ? { identitytoken: c.identitytoken } : {}),
      };
    }
    return out;
  }

  private async storeOptions(): Promise<{ options: StoreOption[]; credsStore?: string }> {
    const box = await this.box();
    let credsStore: string | undefined;
    try {
      credsStore = this.docker.defaultHelper();
    } catch {
      credsStore = undefined;
    }
    const path = this.docker.configPath;
    const docker: StoreOption = credsStore
      ? {
          choice: 'docker',
          available: true,
          label: `Docker's credential helper (${credsStore})`,
          note: 'Shared with the docker CLI; the helper keeps the password.',
        }
      : box
        ? {
            choice: 'docker',
            available: false,
            label: `Docker's config (${path})`,
            note: 'The docker config has no credential helper, and Berth does not write passwords there in clear text while a keychain is available. Configure a credsStore to share sign-ins with the docker CLI.',
          }
        : {
            choice: 'docker',
            available: true,
            label: `Docker's config file (${path})`,
            note: 'Shared with the docker CLI. As with `docker login` without a helper, the password is saved base64-encoded, not encrypted, in a file only you can read.',
          };
    const berth: StoreOption = box
      ? {
          choice: 'berth',
          available: true,
          label: `Berth's keychain (${box.name})`,
          note: 'Encrypted by the keychain; only Berth uses it.',
        }
      : {
          choice: 'berth',
          available: true,
          label: `Berth's file (${this.berth.path})`,
          note: 'No keychain is available here: the password is saved unencrypted in a file only you can read (mode 0600). Only Berth uses it.',
        };
    const session: StoreOption = {
      choice: 'session',
      available: true,
      label: 'Only until Berth quits',
      note: 'Kept in memory; nothing is written to disk.',
    };
    return { options: [docker, berth, session], ...(credsStore ? { credsStore } : {}) };
  }

  async list(): Promise<RegistriesResult> {
    const rows = new Map<string, RegistryEntry>();
    const row = (key: string) => {
      let r = rows.get(key);
      if (!r) rows.set(key, (r = { key, label: registryLabel(key), places: [] }));
      return r;
    };
    row(DOCKER_HUB);
    for (const [key, c] of this.session) {
      row(key).places.push({ kind: 'session' });
      row(key).username ??= c.username;
    }
    for (const b of await this.berth.list()) {
      const r = row(b.key);
      r.places.push(b.place);
      if (b.problem) r.problem ??= b.problem;
      else r.username ??= b.username;
    }
    const helpers: Record<string, string> = {};
    let docker: Awaited<ReturnType<DockerCredentials['list']>> = [];
    let dockerProblem: string | undefined;
    try {
      docker = await this.docker.list();
    } catch (err) {
      dockerProblem = (err as Error).message;
    }
    for (const d of docker) {
      const r = row(d.key);
      r.places.push(d.place);
      if (d.problem) r.problem ??= d.problem;
      else if (d.username) r.username ??= d.username;
      const own = this.docker.ownHelper(d.key);
      if (own) helpers[d.key] = `Docker's credential helper (${own})`;
    }
    if (dockerProblem) row(DOCKER_HUB).problem ??= dockerProblem;
    const { options: stores, credsStore } = await this.storeOptions();
    const defaultChoice: RememberChoice = credsStore ? 'docker' : (await this.box()) ? 'berth' : 'session';
    return {
      registries: [...rows.values()].sort((a, b) =>
        a.key === DOCKER_HUB ? -1 : b.key === DOCKER_HUB ? 1 : a.label.localeCompare(b.label),
      ),
      dockerConfig: this.docker.configPath,
      stores,
      helpers,
      defaultChoice,
    };
  }

  async signIn(
    client: EngineClient,
    args: { server: string; username: string; secret: string; remember: RememberChoice },
  ): Promise<SignInResult> {
    const key = args.server;
    const check = await checkSignIn(client, key, { username: args.username, password: args.secret });
    const credential: RegistryCredential = check.identitytoken
      ? { username: args.username, identitytoken: check.identitytoken }
      : { username: args.username, password: args.secret };
    let place: CredentialPlace;
    if (args.remember === 'docker')
      place = await this.docker.store(key, credential, { allowPlainFile: !(await this.box()) });
    else if (args.remember === 'berth') place = await this.berth.put(key, credential);
    else {
      this.session.set(key, credential);
      place = { kind: 'session' };
    }
    // An older sign-in in a place Berth looks at first would hide this one.
    if (args.remember !== 'session') this.session.delete(key);
    if (args.remember === 'docker') await this.berth.remove(key);
    return { key, place, status: check.status };
  }

  async signOut(key: string): Promise<{ key: string; removedFrom: CredentialPlace[] }> {
    const removedFrom: CredentialPlace[] = [];
    if (this.session.delete(key)) removedFrom.push({ kind: 'session' });
    const b = await this.berth.remove(key);
    if (b) removedFrom.push(b);
    const d = await this.docker.erase(key);
    if (d) removedFrom.push(d);
    return { key, removedFrom };
  }
}
