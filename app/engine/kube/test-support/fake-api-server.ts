// A FAKE Kubernetes API server for tests: no API server can run on these machines, so this local
// HTTP(S) server answers as the Kubernetes API reference describes, for the resources Berth shows.
// Lists carry a resourceVersion (and honour simple field and label selectors); watches stream JSON lines from a given version with
// BOOKMARK events and end with an ERROR 410 Gone when that version is compacted away; pod logs
// stream text; bearer tokens name users, unknown tokens get 401 and RBAC denials get 403 Status
// bodies worded as the real server words them. Test names say "fake API server" wherever it is used.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { FakeChannels } from './fake-channels';
import { FakeHolds } from './fake-holds';
import { FakePortForwards } from './fake-port-forward';
import { strategicMergePatch } from './fake-strategic-merge';

export type FakeResource = keyof typeof KINDS;

interface KubeObject {
  metadata: { name: string; namespace?: string; resourceVersion?: string; uid?: string; [k: string]: unknown };
  [k: string]: unknown;
}

interface Change {
  rv: number;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  resource: FakeResource;
  object: KubeObject;
}

interface OpenWatch {
  resource: FakeResource;
  namespace: string | undefined;
  res: ServerResponse;
  bookmarks: boolean;
}

const KINDS = {
  namespaces: { kind: 'Namespace', apiVersion: 'v1', group: '', namespaced: false },
  nodes: { kind: 'Node', apiVersion: 'v1', group: '', namespaced: false },
  persistentvolumeclaims: { kind: 'PersistentVolumeClaim', apiVersion: 'v1', group: '', namespaced: true },
  controllerrevisions: { kind: 'ControllerRevision', apiVersion: 'apps/v1', group: 'apps', namespaced: true },
  pods: { kind: 'Pod', apiVersion: 'v1', group: '', namespaced: true },
  services: { kind: 'Service', apiVersion: 'v1', group: '', namespaced: true },
  endpoints: { kind: 'Endpoints', apiVersion: 'v1', group: '', namespaced: true },
  events: { kind: 'Event', apiVersion: 'v1', group: '', namespaced: true },
  deployments: { kind: 'Deployment', apiVersion: 'apps/v1', group: 'apps', namespaced: true },
  statefulsets: { kind: 'StatefulSet', apiVersion: 'apps/v1', group: 'apps', namespaced: true },
  daemonsets: { kind: 'DaemonSet', apiVersion: 'apps/v1', group: 'apps', namespaced: true },
  replicasets: { kind: 'ReplicaSet', apiVersion: 'apps/v1', group: 'apps', namespaced: true },
  jobs: { kind: 'Job', apiVersion: 'batch/v1', group: 'batch', namespaced: true },
  cronjobs: { kind: 'CronJob', apiVersion: 'batch/v1', group: 'batch', namespaced: true },
  horizontalpodautoscalers: {
    kind: 'HorizontalPodAutoscaler',
    apiVersion: 'autoscaling/v2',
    group: 'autoscaling',
    namespaced: true,
  },
} as const;

const SCALABLE = new Set<string>(['deployments', 'statefulsets', 'replicasets']);

/** RFC 7386 JSON merge patch: objects merge, null removes, anything else replaces. */
function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> =
    typeof target === 'object' && target !== null && !Array.isArray(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** RFC 6902 JSON patch, the add/replace/remove operations kubectl sends (paths of object keys). */
function jsonPatch(target: unknown, ops: { op: string; path: string; value?: unknown }[]): unknown {
  const out = JSON.parse(JSON.stringify(target)) as Record<string, unknown>;
  for (const { op, path, value } of ops) {
    const keys = path
      .split('/')
      .slice(1)
      .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
    const last = keys.pop();
    if (last === undefined) throw new Error(`the JSON patch path "${path}" names no field`);
    let at = out;
    for (const k of keys) {
      if (typeof at[k] !== 'object' || at[k] === null) {
        if (op !== 'add') throw new Error(`the JSON patch path "${path}" does not exist`);
        at[k] = {};
      }
      at = at[k] as Record<string, unknown>;
    }
    if (op === 'remove') delete at[last];
    else if (op === 'add' || op === 'replace') at[last] = value;
    else throw new Error(`the JSON patch operation "${op}" is not supported by the fake API server`);
  }
  return out;
}

/** A field of an object by dotted path (for field selectors). */
function fieldOf(obj: unknown, dotted: string): string {
  let v: unknown = obj;
  for (const part of dotted.split('.')) v = (v as Record<string, unknown> | undefined)?.[part];
  return v === undefined || v === null ? '' : String(v);
}

export interface FakeApiOptions {
  /** Serve HTTPS with this key and certificate (PEM). */
  tls?: { key: string; cert: string };
  /** Bearer token → user name. Requests without a known token get 401 (anonymous may read /version). */
  tokens?: Record<string, string>;
}

export interface FakeRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  user: string;
}

function status(code: number, reason: string, message: string, details?: object) {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    code,
    ...(details ? { details } : {}),
  };
}

export class FakeKubeApiServer {
  /** Every request, in order (for tests that prove what was or was not asked). */
  readonly requests: FakeRequest[] = [];
  private readonly store = new Map<string, KubeObject>();
  private readonly history: Change[] = [];
  private rv = 100;
  /** Watches from a version below this are answered 410 Gone. */
  private oldestRv = 0;
  private readonly watches = new Set<OpenWatch>();
  private readonly logs = new Map<string, string[]>();
  private readonly previousLogs = new Map<string, string[]>();
  private readonly logFollowers = new Map<string, Set<ServerResponse>>();
  private readonly denied: { user: string; verb: string; resource: string }[] = [];
  /** Field manager owning spec.replicas, per object. */
  private readonly owners = new Map<string, string>();
  private server!: http.Server;
  url = '';
  /** Exec streams (what was opened, resizes, how many are open). */
  readonly channels = new FakeChannels();
  /** Port-forward streams (what listens behind each pod port, what was opened). */
  readonly portForwards = new FakePortForwards();
  /** Requests held unanswered until the test releases them (fake-holds.ts). */
  readonly holds = new FakeHolds();

  private constructor(private readonly opts: FakeApiOptions) {}

  static async start(opts: FakeApiOptions = {}): Promise<FakeKubeApiServer> {
    const fake = new FakeKubeApiServer(opts);
    const handler = (req: IncomingMessage, res: ServerResponse) => fake.handle(req, res);
    fake.server = opts.tls
      ? https.createServer({ key: opts.tls.key, cert: opts.tls.cert }, handler)
      : http.createServer(handler);
    fake.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => fake.upgrade(req, socket, head));
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    const port = (fake.server.address() as AddressInfo).port;
    fake.url = `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
    return fake;
  }

  async close(): Promise<void> {
    this.channels.close();
    this.portForwards.close();
    for (const w of this.watches) w.res.destroy();
    for (const set of this.logFollowers.values()) for (const r of set) r.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- state the tests set -------------------------------------------------------------------------

  /** Creates or replaces an object; watchers see ADDED or MODIFIED. Returns the stored object. */
  put(resource: FakeResource, object: KubeObject): KubeObject {
    const key = this.key(resource, object.metadata.namespace, object.metadata.name);
    const had = this.store.has(key);
    const stored: KubeObject = {
      ...object,
      metadata: {
        uid: `uid-${key}`,
        creationTimestamp: new Date().toISOString(),
        ...object.metadata,
        resourceVersion: String(++this.rv),
      },
    };
    this.store.set(key, stored);
    this.emit({ rv: this.rv, type: had ? 'MODIFIED' : 'ADDED', resource, object: stored });
    return stored;
  }

  remove(resource: FakeResource, namespace: string | undefined, name: string): boolean {
    const key = this.key(resource, namespace, name);
    const obj = this.store.get(key);
    if (!obj) return false;
    this.store.delete(key);
    const gone = { ...obj, metadata: { ...obj.metadata, resourceVersion: String(++this.rv) } };
    this.emit({ rv: this.rv, type: 'DELETED', resource, object: gone });
    return true;
  }

  get(resource: FakeResource, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.store.get(this.key(resource, namespace, name));
  }

  /** RBAC: `user` may not `verb` (list, watch, get, delete, patch, update) `resource`. */
  deny(user: string, verb: string, resource: string): void {
    this.denied.push({ user, verb, resource });
  }

  /** Forgets history: watches resuming from an older version get 410 Gone; open watches are ended with it. */
  compact(): void {
    this.oldestRv = this.rv;
    for (const w of this.watches) {
      this.send(w, {
        type: 'ERROR',
        object: status(410, 'Expired', `too old resource version: ${this.rv - 1} (${this.rv})`),
      });
      w.res.end();
    }
    this.watches.clear();
  }

  /** Sends a BOOKMARK with the current version to every watch that asked for bookmarks. */
  bookmark(): void {
    for (const w of this.watches) {
      if (!w.bookmarks) continue;
      const k = KINDS[w.resource];
      this.send(w, {
        type: 'BOOKMARK',
        object: { kind: k.kind, apiVersion: k.apiVersion, metadata: { resourceVersion: String(this.rv) } },
      });
    }
  }

  /** Ends every open watch as a server-side timeout does (a clean end of the stream). */
  endWatches(): void {
    for (const w of this.watches) w.res.end();
    this.watches.clear();
  }

  openWatchCount(): number {
    return this.watches.size;
  }

  openLogCount(): number {
    let n = 0;
    for (const s of this.logFollowers.values()) n += s.size;
    return n;
  }

  /** Log lines of a pod's container; followers receive appended lines. */
  appendLog(namespace: string, pod: string, container: string, ...lines: string[]): void {
    const key = `${namespace}/${pod}/${container}`;
    const list = this.logs.get(key) ?? [];
    list.push(...lines);
    this.logs.set(key, list);
    for (const r of this.logFollowers.get(key) ?? []) r.write(lines.map((l) => `${l}\n`).join(''));
  }

  /** The log of a container's previous instance (what ?previous=true reads). */
  setPreviousLog(namespace: string, pod: string, container: string, ...lines: string[]): void {
    this.previousLogs.set(`${namespace}/${pod}/${container}`, lines);
  }

  // ---- the API ----------------------------------------------------------------------------------

  private key(resource: FakeResource, namespace: string | undefined, name: string) {
    return `${resource}/${KINDS[resource].namespaced ? (namespace ?? '') : ''}/${name}`;
  }

  private emit(change: Change) {
    this.history.push(change);
    for (const w of this.watches)
      if (this.matches(w.resource, w.namespace, change)) this.send(w, { type: change.type, object: change.object });
  }

  private matches(resource: FakeResource, namespace: string | undefined, c: Change) {
    return c.resource === resource && (namespace === undefined || c.object.metadata.namespace === namespace);
  }

  private send(w: OpenWatch, event: object) {
    w.res.write(`${JSON.stringify(event)}\n`);
  }

  /** An error answer: a Status object with the code, reason and message (and details). */
  private fail(res: ServerResponse, code: number, reason: string, message: string, details?: object) {
    this.json(res, code, status(code, reason, message, details));
  }

  private json(res: ServerResponse, code: number, body: unknown) {
    res.writeHead(code, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  private forbidden(
    res: ServerResponse,
    user: string,
    verb: string,
    resource: FakeResource,
    namespace?: string,
    name?: string,
    rbacResource: string = resource,
  ) {
    const group = KINDS[resource].group;
    const where = namespace ? `in the namespace "${namespace}"` : 'at the cluster scope';
    const what = name ? `${resource} "${name}" is forbidden` : `${resource} is forbidden`;
    this.fail(
      res,
      403,
      'Forbidden',
      `${what}: User "${user}" cannot ${verb} resource "${rbacResource}" in API group "${group}" ${where}`,
      {
        ...(name ? { name } : {}),
        group,
        kind: resource,
      },
    );
  }

  private userOf(req: IncomingMessage): { user: string; token: string } {
    const auth = req.headers.authorization ?? '';
    const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    return { token, user: this.opts.tokens ? (this.opts.tokens[token] ?? '') : 'admin' };
  }

  /**
   * pods/exec and pods/portforward: checked as the API server checks them (credentials, RBAC's
   * "create" on the subresource, the pod, the container, a running phase), answered with a Status
   * when refused, else upgraded to a websocket (fake-channels.ts, fake-port-forward.ts).
   */
  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
    const url = new URL(req.url ?? '/', 'http://fake');
    const query = Object.fromEntries(url.searchParams);
    const { user } = this.userOf(req);
    this.requests.push({ method: req.method ?? 'GET', path: url.pathname, query, user });
    const refuse = (code: number, reason: string, message: string) => {
      const body = JSON.stringify(status(code, reason, message));
      socket.end(
        `HTTP/1.1 ${code} ${http.STATUS_CODES[code]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    };
    if (this.opts.tokens && !user) return refuse(401, 'Unauthorized', 'Unauthorized');
    const m = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/(exec|portforward)$/.exec(url.pathname);
    if (!m) return refuse(404, 'NotFound', 'the server could not find the requested resource');
    const [namespace, name, sub] = [decodeURIComponent(m[1]!), decodeURIComponent(m[2]!), m[3]!];
    const rbac = `pods/${sub}`;
    if (this.denied.some((d) => d.user === user && d.verb === 'create' && d.resource === rbac))
      return refuse(
        403,
        'Forbidden',
        `pods "${name}" is forbidden: User "${user}" cannot create resource "${rbac}" in API group "" in the namespace "${namespace}"`,
      );
    const pod = this.get('pods', namespace, name) as
      (KubeObject & { spec?: { containers?: { name: string }[] }; status?: { phase?: string } }) | undefined;
    if (!pod) return refuse(404, 'NotFound', `pods "${name}" not found`);
    if (pod.status?.phase !== 'Running')
      return refuse(
        400,
        'BadRequest',
        `unable to upgrade connection: pod ${name} is not running (phase ${pod.status?.phase ?? 'Unknown'})`,
      );
    if (sub === 'portforward') {
      const port = Number(url.searchParams.get('ports'));
      if (!Number.isInteger(port) || port < 1 || port > 65535)
        return refuse(400, 'BadRequest', `query parameter "port" is required`);
      this.portForwards.upgrade(req, socket, head, { namespace, pod: name }, port);
      return;
    }
    const containers = (pod.spec?.containers ?? []).map((c) => c.name);
    const container = url.searchParams.get('container') ?? (containers.length === 1 ? containers[0] : undefined);
    if (!container)
      return refuse(
        400,
        'BadRequest',
        `a container name must be specified for pod ${name}, choose one of: [${containers.join(' ')}]`,
      );
    if (!containers.includes(container))
      return refuse(400, 'BadRequest', `container ${container} is not valid for pod ${name}`);
    this.channels.upgradeExec(req, socket, head, { namespace, pod: name, container }, url);
  }

  private handle(req: IncomingMessage, res: ServerResponse, held = false) {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (!held && this.holds.intercept(url.pathname, () => this.handle(req, res, true))) return;
    const query = Object.fromEntries(url.searchParams);
    const { user, token } = this.userOf(req);
    this.requests.push({ method: req.method ?? 'GET', path: url.pathname, query, user });
    if (this.opts.tokens && !user && !(url.pathname === '/version' && !token)) {
      this.fail(res, 401, 'Unauthorized', 'Unauthorized');
      return;
    }
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => {
      if (body.length < 4 * 1024 * 1024) body += c;
    });
    req.on('end', () => {
      try {
        this.route(req.method ?? 'GET', url, query, user, body, res, req.headers['content-type'] ?? '');
      } catch (e) {
        this.fail(res, 500, 'InternalError', String(e));
      }
    });
  }

  private route(
    method: string,
    url: URL,
    query: Record<string, string>,
    user: string,
    body: string,
    res: ServerResponse,
    contentType = '',
  ) {
    if (url.pathname === '/version') {
      this.json(res, 200, { major: '1', minor: '31', gitVersion: 'v1.31.0-fake', platform: 'linux/amd64' });
      return;
    }
    const m =
      /^\/(?:api\/v1|apis\/([^/]+\/[^/]+))(?:\/namespaces\/([^/]+))?\/([a-z]+)(?:\/([^/]+))?(?:\/(log|scale))?$/.exec(
        url.pathname,
      );
    const resource = m?.[3] as FakeResource | undefined;
    if (!m || !resource || !(resource in KINDS) || (m[1] ?? 'v1') !== KINDS[resource].apiVersion) {
      this.fail(res, 404, 'NotFound', 'the server could not find the requested resource');
      return;
    }
    const namespace = m[2] ? decodeURIComponent(m[2]) : undefined;
    const name = m[4] ? decodeURIComponent(m[4]) : undefined;
    const sub = m[5];
    const verb = !name
      ? query.watch === 'true' || query.watch === '1'
        ? 'watch'
        : method === 'POST'
          ? 'create'
          : 'list'
      : (({ GET: 'get', DELETE: 'delete', PATCH: 'patch', PUT: 'update' } as Record<string, string>)[method] ?? 'get');
    const rbacResource = sub ? `${resource}/${sub}` : resource;
    if (this.denied.some((d) => d.user === user && d.verb === verb && d.resource === rbacResource)) {
      this.forbidden(res, user, verb, resource, namespace, name, rbacResource);
      return;
    }
    if (!name) {
      if (verb === 'watch') this.watch(resource, namespace, query, res);
      else if (verb === 'create') this.create(resource, namespace, body, res);
      else this.list(resource, namespace, query, res);
      return;
    }
    if (method === 'PATCH' && !sub && contentType.startsWith('application/apply-patch+yaml'))
      return this.apply(resource, namespace, name, query, body, res);
    const obj = this.get(resource, namespace, name);
    if (!obj) {
      this.fail(res, 404, 'NotFound', `${resource} "${name}" not found`, { name, kind: resource });
      return;
    }
    if (sub === 'log') return this.log(obj, query, res);
    if (sub === 'scale' && SCALABLE.has(resource)) return this.scale(resource, method, obj, body, res);
    if (sub) {
      this.fail(res, 404, 'NotFound', 'the server could not find the requested resource');
      return;
    }
    const patchOf: Record<string, (o: unknown, p: never) => unknown> = {
      'application/merge-patch+json': mergePatch,
      'application/json-patch+json': jsonPatch,
      'application/strategic-merge-patch+json': strategicMergePatch,
    };
    const patcher = patchOf[contentType.split(';')[0]!.trim()];
    if (method === 'PATCH' && patcher) {
      const patched = patcher(obj, JSON.parse(body || '{}') as never) as KubeObject;
      const stored = this.put(resource, {
        ...patched,
        metadata: { ...patched.metadata, name, ...(namespace ? { namespace } : {}) },
      });
      this.json(res, 200, { kind: KINDS[resource].kind, apiVersion: KINDS[resource].apiVersion, ...stored });
      return;
    }
    if (method === 'DELETE') {
      this.remove(resource, namespace, name);
      this.json(res, 200, { ...obj, metadata: { ...obj.metadata, deletionTimestamp: new Date().toISOString() } });
      return;
    }
    this.json(res, 200, { kind: KINDS[resource].kind, apiVersion: KINDS[resource].apiVersion, ...obj });
  }

  /** Server-side apply: create or merge; a field another manager owns is a conflict unless forced. */
  private apply(
    resource: FakeResource,
    namespace: string | undefined,
    name: string,
    query: Record<string, string>,
    body: string,
    res: ServerResponse,
  ) {
    if (!query.fieldManager) {
      this.fail(
        res,
        400,
        'BadRequest',
        'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
      );
      return;
    }
    const patch = JSON.parse(body || '{}') as KubeObject & { spec?: Record<string, unknown> };
    const key = this.key(resource, namespace, name);
    const current = this.store.get(key);
    const owner = this.owners.get(key);
    const wantReplicas = patch.spec?.replicas;
    const hasReplicas = (current?.spec as { replicas?: unknown } | undefined)?.replicas;
    if (
      owner &&
      owner !== query.fieldManager &&
      query.force !== 'true' &&
      wantReplicas !== undefined &&
      wantReplicas !== hasReplicas
    ) {
      const k = KINDS[resource];
      this.fail(
        res,
        409,
        'Conflict',
        `Apply failed with 1 conflict: conflict with "${owner}" using ${k.apiVersion}: .spec.replicas`,
        { name, group: k.group, kind: resource },
      );
      return;
    }
    const merged: KubeObject = {
      ...(current ?? {}),
      ...patch,
      metadata: { ...(current?.metadata ?? {}), ...patch.metadata, name, ...(namespace ? { namespace } : {}) },
      ...(patch.spec || current?.spec ? { spec: { ...((current?.spec as object) ?? {}), ...(patch.spec ?? {}) } } : {}),
    };
    if (query.dryRun === 'All') {
      this.json(res, current ? 200 : 201, merged);
      return;
    }
    if (wantReplicas !== undefined) this.owners.set(key, query.fieldManager);
    const stored = this.put(resource, merged);
    this.json(res, current ? 200 : 201, stored);
  }

  /** POST to a collection: creates the object (409 AlreadyExists when the name is taken). */
  private create(resource: FakeResource, namespace: string | undefined, body: string, res: ServerResponse) {
    const obj = JSON.parse(body || '{}') as KubeObject;
    const name = obj.metadata?.name;
    if (!name) {
      this.fail(res, 422, 'Invalid', `${KINDS[resource].kind} "" is invalid: metadata.name: Required value`);
      return;
    }
    if (this.get(resource, namespace, name)) {
      this.fail(res, 409, 'AlreadyExists', `${resource}.${KINDS[resource].group} "${name}" already exists`);
      return;
    }
    const stored = this.put(resource, { ...obj, metadata: { ...obj.metadata, ...(namespace ? { namespace } : {}) } });
    this.json(res, 201, stored);
  }

  /** Marks `manager` as the owner of a deployment's spec.replicas (for apply conflicts). */
  own(resource: FakeResource, namespace: string | undefined, name: string, manager: string): void {
    this.owners.set(this.key(resource, namespace, name), manager);
  }

  private list(
    resource: FakeResource,
    namespace: string | undefined,
    query: Record<string, string>,
    res: ServerResponse,
  ) {
    const prefix = KINDS[resource].namespaced && namespace !== undefined ? `${resource}/${namespace}/` : `${resource}/`;
    const selectors = (query.fieldSelector ?? '')
      .split(',')
      .filter(Boolean)
      .map((s) => s.split('=') as [string, string]);
    const labels = (query.labelSelector ?? '')
      .split(',')
      .filter(Boolean)
      .map((s) => s.split('=') as [string, string]);
    const items = [...this.store.entries()]
      .filter(([k]) => k.startsWith(prefix))
      .map(([, v]) => v)
      .filter((v) => selectors.every(([f, want]) => fieldOf(v, f) === want))
      .filter((v) =>
        labels.every(([l, want]) => (v.metadata.labels as Record<string, string> | undefined)?.[l] === want),
      );
    this.json(res, 200, {
      kind: `${KINDS[resource].kind}List`,
      apiVersion: KINDS[resource].apiVersion,
      metadata: { resourceVersion: String(this.rv) },
      items,
    });
  }

  private watch(
    resource: FakeResource,
    namespace: string | undefined,
    query: Record<string, string>,
    res: ServerResponse,
  ) {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
    const from = Number(query.resourceVersion ?? this.rv);
    const w: OpenWatch = { resource, namespace, res, bookmarks: query.allowWatchBookmarks === 'true' };
    if (from < this.oldestRv) {
      this.send(w, {
        type: 'ERROR',
        object: status(410, 'Expired', `too old resource version: ${from} (${this.oldestRv})`),
      });
      res.end();
      return;
    }
    for (const c of this.history)
      if (c.rv > from && this.matches(resource, namespace, c)) this.send(w, { type: c.type, object: c.object });
    this.watches.add(w);
    res.on('close', () => this.watches.delete(w));
  }

  private log(pod: KubeObject, query: Record<string, string>, res: ServerResponse) {
    const containers = ((pod.spec as { containers?: { name: string }[] } | undefined)?.containers ?? []).map(
      (c) => c.name,
    );
    const container = query.container ?? (containers.length === 1 ? containers[0] : undefined);
    if (!container) {
      this.fail(
        res,
        400,
        'BadRequest',
        `a container name must be specified for pod ${pod.metadata.name}, choose one of: [${containers.join(' ')}]`,
      );
      return;
    }
    if (!containers.includes(container)) {
      this.fail(res, 400, 'BadRequest', `container ${container} is not valid for pod ${pod.metadata.name}`);
      return;
    }
    const key = `${pod.metadata.namespace}/${pod.metadata.name}/${container}`;
    if (query.previous === 'true') {
      const before = this.previousLogs.get(key);
      if (!before) {
        this.fail(
          res,
          400,
          'BadRequest',
          `previous terminated container "${container}" in pod "${pod.metadata.name}" not found`,
        );
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end(before.map((l) => `${l}\n`).join(''));
      return;
    }
    let lines = this.logs.get(key) ?? [];
    if (query.tailLines !== undefined) lines = lines.slice(Math.max(0, lines.length - Number(query.tailLines)));
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.write(lines.map((l) => `${l}\n`).join(''));
    if (query.follow !== 'true') {
      res.end();
      return;
    }
    const set = this.logFollowers.get(key) ?? new Set();
    set.add(res);
    this.logFollowers.set(key, set);
    res.on('close', () => set.delete(res));
  }

  private scale(resource: FakeResource, method: string, dep: KubeObject, body: string, res: ServerResponse) {
    const spec = dep.spec as { replicas?: number };
    const scaleOf = (d: KubeObject) => ({
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: { name: d.metadata.name, namespace: d.metadata.namespace, resourceVersion: d.metadata.resourceVersion },
      spec: { replicas: (d.spec as { replicas?: number }).replicas ?? 1 },
      status: { replicas: (d.status as { replicas?: number } | undefined)?.replicas ?? 0 },
    });
    if (method === 'GET') return this.json(res, 200, scaleOf(dep));
    const replicas = (JSON.parse(body || '{}') as { spec?: { replicas?: unknown } }).spec?.replicas;
    if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
      this.fail(
        res,
        422,
        'Invalid',
        `Scale.autoscaling "${dep.metadata.name}" is invalid: spec.replicas: Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0`,
      );
      return;
    }
    const updated = this.put(resource, { ...dep, spec: { ...spec, replicas } });
    this.json(res, 200, scaleOf(updated));
  }
}
