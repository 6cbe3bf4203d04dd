// The seam between Berth's credential store and whatever can encrypt for this user. The desktop
// app installs a box backed by Electron's safeStorage (the OS keychain); `berth serve` has none, so
// Berth stores a password there only when the user asks, in a file only the user can read.
export interface SecretBox {
  /** What protects the secrets, for the UI: e.g. "the OS keychain (gnome_libsecret)". */
  readonly name: string;
  encrypt(plain: string): Promise<Buffer>;
  /** Rejects when the blob was sealed by another keychain or user. */
  decrypt(sealed: Buffer): Promise<string>;
}

let installed: Promise<SecretBox | undefined> = Promise.resolve(undefined);

/**
 * The desktop shell installs its keychain box here before the backend handles requests. A promise
 * is fine: the store waits for it, so no sign-in is ever written before the keychain is known.
 */
export function installSecretBox(box: SecretBox | undefined | Promise<SecretBox | undefined>): void {
  installed = Promise.resolve(box).catch(() => undefined);
}

export function currentSecretBox(): Promise<SecretBox | undefined> {
  return installed;
}
