import type { Profile } from '../../harness/profile.ts';

/** The Seam API reference (docs.seam.co), its SDKs and its CLI. */
export const seamProfile: Profile = {
  name: 'seam',
  languages: [
    { id: 'javascript', fences: ['javascript', 'js', 'typescript', 'ts'], titles: ['javascript', 'js', 'typescript', 'node', 'node.js'] },
    { id: 'python', fences: ['python', 'py'], titles: ['python'] },
    { id: 'ruby', fences: ['ruby', 'rb'], titles: ['ruby'] },
    { id: 'php', fences: ['php'], titles: ['php'] },
    { id: 'go', fences: ['go', 'golang'], titles: ['go', 'golang'] },
    { id: 'curl', fences: ['curl'], titles: ['curl'] },
    { id: 'seam_cli', fences: ['seam_cli'], titles: ['seam cli', 'cli'] },
  ],
  titleSuffixes: ['TEST'],
  apiOrigin: 'https://connect.getseam.com',
  // Seam API keys, client session tokens, access tokens and publishable keys all start `seam_`.
  secretPatterns: [/\bseam_[A-Za-z0-9_]{4,}\b/g, /\bBearer\s+[^\s"']+/g],
};
