import { join } from 'node:path';
import { ensureNpmPackage, type Installed } from '../../harness/run/npm.ts';

/** The `seam` release doc-harness is tested with; `--sdk javascript=<version>` picks another. */
export const PINNED_SEAM_VERSION = '1.245.0';

/** The SDK in doc-harness's cache (`<cacheDir>/javascript/seam@<version>/`), installed on first use. */
export function ensureSeamSdk(cacheDir: string, version = PINNED_SEAM_VERSION): Promise<Installed> {
  return ensureNpmPackage(join(cacheDir, 'javascript', `seam@${version}`), 'seam', version);
}

/** What the user should know about running this SDK on this Node (its declared engine). */
export function engineNotes(client: string, installed: Installed): string[] {
  if (!installed.ok) return [];
  const wanted = installed.engines?.node;
  return wanted ? [`${client} ${installed.version} declares node ${wanted}; running on Node ${process.versions.node}`] : [];
}
