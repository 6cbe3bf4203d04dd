// Berth's secret box in the desktop app: Electron's safeStorage, which encrypts with a key kept by
// the OS keychain (macOS Keychain, Windows DPAPI, libsecret or KWallet on Linux). On Linux without
// a keychain safeStorage falls back to a fixed key ("basic_text"); that is not a keychain, so Berth
// then behaves as `berth serve` does: it stores a password only when asked, in a file only you can read.
import type { SafeStorage } from 'electron';
import type { SecretBox } from '../registry/secret-box';

export type SafeStorageLike = Pick<
  SafeStorage,
  'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'
>;

function keychainName(storage: SafeStorageLike, platform: NodeJS.Platform): string | undefined {
  if (platform === 'darwin') return 'the macOS Keychain';
  if (platform === 'win32') return 'Windows DPAPI';
  const backend = storage.getSelectedStorageBackend();
  if (backend === 'basic_text' || backend === 'unknown') return undefined;
  return backend === 'gnome_libsecret' ? 'the OS keychain (libsecret)' : `the OS keychain (${backend})`;
}

/** A box over safeStorage, or undefined when this system has no real keychain. Call after app ready. */
export async function safeStorageBox(
  storage: SafeStorageLike,
  platform: NodeJS.Platform,
): Promise<SecretBox | undefined> {
  const available = await storage.isAsyncEncryptionAvailable().catch(() => false);
  if (!available) return undefined;
  const name = keychainName(storage, platform);
  if (!name) return undefined;
  return {
    name,
    encrypt: (plain) => storage.encryptStringAsync(plain),
    decrypt: async (sealed) => (await storage.decryptStringAsync(sealed)).result,
  };
}
