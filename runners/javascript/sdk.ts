import { join } from 'node:path';
import { ensureNpmPackage, type Installed } from '../../harness/run/npm.ts';

export { engineNotes } from '../../harness/run/npm.ts';

/** The `seam` release doc-harness is tested with; `--sdk javascript=<version>` picks another. */
export const PINNED_SEAM_VERSION = '1.245.0';

/** The SDK in doc-harness's cache (`<cacheDir>/javascript/seam@<version>/`), installed on first use. */
export function ensureSeamSdk(cacheDir: string, version = PINNED_SEAM_VERSION): Promise<Installed> {
  return ensureNpmPackage(join(cacheDir, 'javascript', `seam@${version}`), 'seam', version);
}
