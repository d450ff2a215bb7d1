/*
 * Which secret store the vault uses can change while Settings is open (the "allow unprotected
 * storage" switch): every panel that shows it reads `storage.revision` and asks main again when
 * it moves.
 */

export const storage = $state({ revision: 0 });

export function storageChanged(): void {
  storage.revision += 1;
}
