import { describe, expect, it } from 'vitest';
import { safeStorageBox, type SafeStorageLike } from './safe-storage-box';

function fakeStorage(
  backend: ReturnType<SafeStorageLike['getSelectedStorageBackend']>,
  available = true,
): SafeStorageLike {
  const key = 0x5a;
  const xor = (b: Buffer) => Buffer.from(b.map((x) => x ^ key));
  return {
    isAsyncEncryptionAvailable: async () => available,
    getSelectedStorageBackend: () => backend,
    encryptStringAsync: async (t: string) => xor(Buffer.from(t, 'utf8')),
    decryptStringAsync: async (b: Buffer) => ({ result: xor(b).toString('utf8'), shouldReEncrypt: false }),
  };
}

describe('safeStorageBox', () => {
  it('seals and opens through safeStorage when Linux has a keychain', async () => {
    const box = await safeStorageBox(fakeStorage('gnome_libsecret'), 'linux');
    expect(box?.name).toBe('the OS keychain (libsecret)');
    const sealed = await box!.encrypt('s3cret');
    expect(sealed.toString('utf8')).not.toContain('s3cret');
    expect(await box!.decrypt(sealed)).toBe('s3cret');
  });

  it('is no keychain when Linux falls back to basic_text, or encryption is unavailable', async () => {
    expect(await safeStorageBox(fakeStorage('basic_text'), 'linux')).toBeUndefined();
    expect(await safeStorageBox(fakeStorage('unknown'), 'linux')).toBeUndefined();
    expect(await safeStorageBox(fakeStorage('kwallet5', false), 'linux')).toBeUndefined();
  });

  it('names the platform keychain on macOS and Windows', async () => {
    expect((await safeStorageBox(fakeStorage('unknown'), 'darwin'))?.name).toBe('the macOS Keychain');
    expect((await safeStorageBox(fakeStorage('unknown'), 'win32'))?.name).toBe('Windows DPAPI');
  });
});
