// Kubernetes failures as sentences: the API server's Status body (RBAC, not found, conflict,
// invalid), its auth answers, and the transport's own failures (unreachable server, an untrusted
// certificate, a credential command that failed). Classified once, here.
import { BerthError, type ErrorKind } from '../../shared/errors';

/** The API server's Status object (meta/v1), as far as Berth reads it. */
export interface KubeStatus {
  kind?: string;
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
}

export function parseStatus(body: string): KubeStatus | undefined {
  try {
    const v = JSON.parse(body) as unknown;
    return typeof v === 'object' && v !== null && (v as KubeStatus).kind === 'Status' ? (v as KubeStatus) : undefined;
  } catch {
    return undefined;
  }
}

const TLS_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_SIGNATURE_FAILURE',
]);

/** An HTTP answer of 400 and above from the API server, as a BerthError. */
export function statusError(code: number, body: string, server: string): BerthError {
  const status = parseStatus(body);
  const said = status?.message?.trim() || body.trim().slice(0, 300) || `HTTP ${code}`;
  const err = (kind: ErrorKind, message: string) => new BerthError({ kind, message, detail: said });
  switch (code) {
    case 401:
      return err(
        'unauthorized',
        `The cluster at ${server} refused your credentials (401 Unauthorized): they have expired or are wrong. Sign in again (refresh the token or your cloud login) and retry.`,
      );
    case 403:
      return err(
        'unauthorized',
        `Kubernetes refused this: ${said}. Ask a cluster administrator for that permission, or switch to a context that has it.`,
      );
    case 404:
      return err(
        'not-found',
        `Kubernetes says ${said}. It may have been deleted already; the list shows what is there now.`,
      );
    case 409:
      return err('conflict', `Kubernetes refused this because of a conflict: ${said}.`);
    case 410:
      return err('conflict', `The cluster's list moved on (410 Gone): ${said}.`);
    case 400:
    case 422:
      return err('invalid', `Kubernetes rejected the request as invalid: ${said}.`);
    default:
      return err(
        code >= 500 ? 'unavailable' : 'internal',
        `The API server at ${server} failed (HTTP ${code}): ${said}. Try again; if it keeps failing, check the cluster's health.`,
      );
  }
}

/** A failure before any HTTP answer (connection, TLS, credential command) as a BerthError. */
export function transportError(e: unknown, server: string): BerthError {
  if (e instanceof BerthError) return e;
  const code = (e as { code?: string }).code ?? '';
  const detail = e instanceof Error ? e.message : String(e);
  if (TLS_CODES.has(code)) {
    return new BerthError({
      kind: 'unavailable',
      message:
        code === 'CERT_HAS_EXPIRED'
          ? `The API server at ${server} presented an expired certificate. Renew the cluster's certificate or ask its administrator.`
          : `Berth does not trust the certificate of the API server at ${server}: it was not signed by the certificate authority your kubeconfig names for this cluster (wrong CA). Fix certificate-authority-data in the kubeconfig.`,
      detail: `${code}: ${detail}`,
    });
  }
  if (
    ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ECONNRESET'].includes(code)
  ) {
    const why =
      code === 'ECONNREFUSED'
        ? 'nothing is listening there (connection refused)'
        : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
          ? 'its host name does not resolve'
          : code === 'ETIMEDOUT'
            ? 'it did not answer in time'
            : code === 'ECONNRESET'
              ? 'the connection was reset'
              : 'there is no route to it';
    return new BerthError({
      kind: 'unavailable',
      message: `Berth could not reach the API server at ${server}: ${why}. Check that the cluster is running and that the server address in your kubeconfig is right.`,
      detail: `${code}: ${detail}`,
    });
  }
  return new BerthError({
    kind: 'unavailable',
    message: `Berth could not talk to the API server at ${server}: ${detail}`,
    detail,
  });
}

/** A credential command (exec auth) that could not run or failed. */
export function credentialError(e: unknown, user: string, command: string): BerthError {
  const code = (e as { code?: string }).code;
  const detail = (e instanceof Error ? e.message : String(e)).trim();
  return new BerthError({
    kind: 'unauthorized',
    message:
      code === 'ENOENT'
        ? `The credential command “${command}” for user “${user}” is not installed or not on PATH. Install it (kubectl needs it too) and retry.`
        : `The credential command “${command}” for user “${user}” failed${detail ? `: ${detail.split('\n')[0]}` : ''}. Sign in again with that tool and retry.`,
    ...(detail ? { detail } : {}),
  });
}
