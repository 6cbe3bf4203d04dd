// The page a browser gets from `berth serve` without a token it accepts: what to do, in words, and
// a field to paste the token or the address `berth serve` printed. Never a broken UI.
import { useEffect, useId, useState } from 'react';
import { checkToken, saveToken, tokenFromInput, type TokenCheck } from '../api/web-token';

export type SignInReason = 'missing' | 'refused';

const why: Record<SignInReason, React.ReactNode> = {
  missing: (
    <>
      This page has no token yet. Berth only answers a page that has the token <code>berth serve</code> printed.
    </>
  ),
  refused: (
    <>
      Berth no longer accepts this page’s token: <code>berth serve</code> was probably restarted, and it makes a new
      token each time.
    </>
  ),
};

function useSystemTheme(): void {
  useEffect(() => {
    const media = window.matchMedia?.('(prefers-color-scheme: dark)');
    const apply = () => (document.documentElement.dataset.theme = media?.matches ? 'dark' : 'light');
    apply();
    media?.addEventListener('change', apply);
    return () => media?.removeEventListener('change', apply);
  }, []);
}

export function SignIn({
  reason,
  check = checkToken,
  // The address has no token (else this screen would not show): start again with the stored one.
  onSignedIn = () => window.location.reload(),
}: {
  reason: SignInReason;
  check?: (token: string) => Promise<TokenCheck>;
  onSignedIn?: () => void;
}) {
  useSystemTheme();
  const id = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const token = tokenFromInput(text);
    if (!token) {
      setError(
        'That is neither a token nor an address with ?token= in it. Copy the whole address berth serve printed.',
      );
      return;
    }
    setBusy(true);
    setError(undefined);
    const verdict = await check(token);
    setBusy(false);
    if (verdict === 'refused')
      return setError('Berth does not accept that token. Use the one berth serve printed most recently.');
    if (verdict === 'unreachable')
      return setError('Berth does not answer at this address right now. Is berth serve still running?');
    saveToken(token);
    onSignedIn();
  };

  return (
    <main className="sign-in" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>Sign in to Berth</h1>
      <p>{why[reason]}</p>
      <p>
        Open the address <code>berth serve</code> printed when it started (<code>http://127.0.0.1:PORT/?token=…</code>),
        or paste that address or the token here. Berth keeps the token in this tab only, never in a cookie.
      </p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-token`}>Token or address</label>
          <input
            id={`${id}-token`}
            value={text}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(e) => setText(e.target.value)}
          />
          {error && (
            <p id={`${id}-error`} className="field-error" role="alert">
              {error}
            </p>
          )}
        </div>
        <button type="submit" className="primary" disabled={busy || !text.trim()}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
