import type { Profile } from '../../harness/profile.ts';
import { seamClients } from './clients.ts';
import { seamTypesVersion } from './openapi.ts';

/** The Seam API reference (docs.seam.co), its SDKs and its CLI. */
export const seamProfile: Profile = {
  name: 'seam',
  languages: [
    { id: 'javascript', label: 'JavaScript', fences: ['javascript', 'js', 'typescript', 'ts'], titles: ['javascript', 'js', 'typescript', 'node', 'node.js'] },
    { id: 'python', label: 'Python', fences: ['python', 'py'], titles: ['python'] },
    { id: 'ruby', label: 'Ruby', fences: ['ruby', 'rb'], titles: ['ruby'] },
    { id: 'php', label: 'PHP', fences: ['php'], titles: ['php'] },
    { id: 'go', label: 'Go', fences: ['go', 'golang'], titles: ['go', 'golang'] },
    { id: 'curl', label: 'cURL', fences: ['curl'], titles: ['curl'] },
    { id: 'seam_cli', label: 'Seam CLI', fences: ['seam_cli'], titles: ['seam cli', 'cli'] },
  ],
  titleSuffixes: ['TEST'],
  apiOrigin: 'https://connect.getseam.com',
  // The JavaScript SDK accepts any key starting `seam_` but for the client-session and token prefixes.
  fakeApiKey: 'seam_doc_harness_fake_key',
  // The Python SDK avoids shadowing its own `Event` name.
  typeNames: { event: ['SeamEvent', 'Event'] },
  // Seam API keys, client session tokens, access tokens and publishable keys all start `seam_`
  // and hold a digit or a capital; the API's own words (`seam_passport`, `seam_bridge_disconnected`)
  // do not, and must survive scrubbing.
  secretPatterns: [/\bseam_(?=[A-Za-z0-9_]*[A-Z0-9])[A-Za-z0-9_]{4,}\b/g, /\bBearer\s+[^\s"']+/g],
  secretPlaceholder: '<SEAM_API_KEY>',
  loadRoutes: () => import('./routes.ts').then((routes) => routes.seamRoutes()),
  loadApi: (options) => import('./api.ts').then((api) => api.seamApi(options)),
  actionAttempts: { path: '/action_attempts/get', idKey: 'action_attempt_id', responseKey: 'action_attempt' },
  clients: seamClients,
  // Routes, response keys and schemas all come from @seamapi/types.
  dataVersion: () => `@seamapi/types ${seamTypesVersion()}`,
};
