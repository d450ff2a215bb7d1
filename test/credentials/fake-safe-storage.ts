import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SafeStorageFacade } from '../../electron/credentials';

/**
 * A stand-in for Electron's safeStorage that really encrypts (AES-256-GCM with a test key), so a
 * test can show that no plaintext reaches the disk and that a wrong key cannot read the file.
 */
export function fakeSafeStorage(options: { backend?: string; available?: boolean } = {}): SafeStorageFacade {
  const key = randomBytes(32);
  const facade = {
    isEncryptionAvailable: () => options.available ?? true,
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
    encryptString(plainText: string): Buffer {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptString(encrypted: Buffer): string {
      const decipher = createDecipheriv('aes-256-gcm', key, encrypted.subarray(0, 12));
      decipher.setAuthTag(encrypted.subarray(12, 28));
      return Buffer.concat([decipher.update(encrypted.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
  return facade;
}

/** As when libsecret-1.so.0 is missing: keytar's native module fails to load. */
export const missingKeytar = async (): Promise<never> => {
  throw new Error('libsecret-1.so.0: cannot open shared object file: No such file or directory');
};
