import * as nodeFs from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic, type StoreFs } from '../files/atomic-write';

/*
 * The vault's one setting, "allow unprotected storage of secrets" (the Settings switch), in a
 * small file of its own in the app's data folder: it belongs to this computer, not to a
 * connection profile, so it is not in profiles.json. Only a file that says exactly `true`
 * allows it: a damaged or foreign file never does.
 */

export const DEFAULT_VAULT_SETTINGS_FILE = 'vault-settings.json';

const FORMAT = 'fieldbook-vault-settings';

/** What the file says; undefined when there is no file (the user never touched the switch). */
export async function readAllowUnprotected(file: string, fs: Pick<StoreFs, 'readFile'> = nodeFs): Promise<boolean | undefined> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return false;
  }
  try {
    const json = JSON.parse(text) as { format?: unknown; version?: unknown; allowUnprotectedStorage?: unknown } | null;
    return json?.format === FORMAT && json.version === 1 && json.allowUnprotectedStorage === true;
  } catch {
    return false;
  }
}

export async function writeAllowUnprotected(file: string, allow: boolean, fs: StoreFs = nodeFs): Promise<void> {
  await fs.mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const content = { format: FORMAT, version: 1, allowUnprotectedStorage: allow };
  await writeFileAtomic(file, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600, fs });
}
