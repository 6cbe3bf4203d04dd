// Registries: the registries Berth knows (Docker Hub always), who is signed in to each and where that
// sign-in lives; Sign in and Sign out per registry. #/registries/sign-in/<host> opens Sign in for it.
import { useState } from 'react';
import { DOCKER_HUB, type RegistryEntry } from '../../../../shared/contract/areas/registries';
import { useAction, useQueryClient, useRequest } from '../../api/hooks';
import { href, navigate } from '../../app/router';
import { useUi } from '../../app/ui-store';
import { ConfirmDialog } from '../../components/Dialog';
import { ObjectTable } from '../../components/ObjectTable';
import { placeDetail, placeText, serverInput } from './places';
import { SignInDialog } from './SignInDialog';
import './registries.css';

export function RegistriesPage({ rest }: { rest: string[] }) {
  const list = useRequest('registries.list');
  const queries = useQueryClient();
  const toast = useUi((s) => s.toast);
  const signOut = useAction('registries.signOut');
  const [leaving, setLeaving] = useState<RegistryEntry>();
  const [signingIn, setSigningIn] = useState<string>();
  // A link (e.g. from a refused pull) opens Sign in for its registry.
  const linked = rest[0] === 'sign-in' ? (rest[1] ?? '') : undefined;
  const dialogServer = signingIn ?? linked;
  const closeSignIn = () => {
    setSigningIn(undefined);
    if (linked !== undefined) navigate(href('registries'));
  };
  const info = list.data;
  const rows = info?.registries ?? [];
  const berth = info?.stores.find((s) => s.choice === 'berth');

  const confirmSignOut = async () => {
    if (!leaving) return;
    const r = await signOut.mutateAsync({ server: serverInput(leaving.key) }).catch(() => undefined);
    if (!r) return;
    toast('success', `Signed out of ${leaving.label}.`);
    setLeaving(undefined);
    await queries.invalidateQueries({ queryKey: ['registries.list'] });
  };

  return (
    <section aria-labelledby="registries-title" className="list-page">
      <div className="page-head">
        <h1 id="registries-title">Registries</h1>
        <span className="muted">{info ? `${rows.filter((r) => r.places.length).length} signed in` : ''}</span>
        <div className="page-actions">
          <button type="button" className="primary" disabled={!info} onClick={() => setSigningIn('')}>
            Sign in…
          </button>
        </div>
      </div>
      {list.error ? (
        <div className="empty" role="alert">
          <p>{list.error.message}</p>
          <button type="button" onClick={() => void list.refetch()}>
            Try again
          </button>
        </div>
      ) : !info ? (
        <p className="muted empty">Loading registries…</p>
      ) : (
        <>
          <div className="registry-stores muted small" role="note" aria-label="Where sign-ins are kept">
            <p>
              Berth shares sign-ins with the docker CLI through <span className="mono">{info.dockerConfig}</span>: a{' '}
              <span className="mono">docker login</span> in a terminal shows up here, and a sign-in kept with Docker
              (its credential helper or config) is used by <span className="mono">docker pull</span>.
            </p>
            {berth && (
              <p>
                Berth's own store: {berth.label}. {berth.note}
              </p>
            )}
          </div>
          <ObjectTable
            label="Registries"
            rows={rows}
            rowKey={(r) => r.key}
            rowName={(r) => r.label}
            columns={[
              {
                label: 'Registry',
                // Docker Hub first, then by name.
                value: (r) => (r.key === DOCKER_HUB ? '' : r.label),
                render: (r) => (
                  <span className="registry-name">
                    {r.label}
                    {r.label !== r.key && <span className="muted small mono"> {serverInput(r.key)}</span>}
                  </span>
                ),
              },
              {
                label: 'Signed in as',
                value: (r) => r.username ?? '',
                render: (r) =>
                  r.places.length === 0 ? (
                    <span className="muted">not signed in</span>
                  ) : r.username ? (
                    <span className="mono small">{r.username}</span>
                  ) : (
                    <span className="muted">unknown user</span>
                  ),
              },
              {
                label: 'Kept in',
                value: (r) => (r.places[0] ? placeText(r.places[0]) : ''),
                render: (r) =>
                  r.places.length === 0 ? (
                    <span className="muted">—</span>
                  ) : (
                    <span className="registry-places">
                      {r.places.map((p, i) => (
                        <span
                          key={i}
                          className={`badge${i === 0 ? ' registry-used' : ''}`}
                          title={`${i === 0 ? 'Used for pulls and pushes: ' : 'Also in '}${placeDetail(p)}`}
                        >
                          {placeText(p)}
                        </span>
                      ))}
                      {r.problem && <span className="warning-text small">{r.problem}</span>}
                    </span>
                  ),
              },
            ]}
            actions={(r) => (
              <div className="row-buttons">
                <button
                  type="button"
                  className="small"
                  aria-label={`Sign in to ${r.label}`}
                  onClick={() => setSigningIn(serverInput(r.key))}
                >
                  Sign in
                </button>
                <button
                  type="button"
                  className="small"
                  aria-label={`Sign out of ${r.label}`}
                  disabled={r.places.length === 0}
                  onClick={() => {
                    signOut.reset();
                    setLeaving(r);
                  }}
                >
                  Sign out
                </button>
              </div>
            )}
          />
        </>
      )}
      {info && dialogServer !== undefined && (
        <SignInDialog key={dialogServer} info={info} server={dialogServer} onClose={closeSignIn} />
      )}
      {leaving && (
        <ConfirmDialog
          title={`Sign out of ${leaving.label}?`}
          confirmLabel="Sign out"
          busy={signOut.isPending}
          error={signOut.error?.message}
          onConfirm={() => void confirmSignOut()}
          onClose={() => setLeaving(undefined)}
        >
          <p>The sign-in{leaving.username ? ` of ${leaving.username}` : ''} is removed from:</p>
          <ul>
            {leaving.places.map((p, i) => (
              <li key={i}>{placeDetail(p)}</li>
            ))}
          </ul>
          {leaving.places.some((p) => p.kind.startsWith('docker')) && (
            <p>
              The docker CLI is signed out of {leaving.label} too, as with <span className="mono">docker logout</span>.
            </p>
          )}
        </ConfirmDialog>
      )}
    </section>
  );
}
