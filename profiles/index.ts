// The profiles doc-harness ships, by the name `--profile` takes. Another API's profile is a module
// of its own, given by path (harness/config/profile.ts loads both).
import type { Profile } from '../harness/profile.ts';
import { seamProfile } from './seam/index.ts';

export const builtInProfiles: Readonly<Record<string, Profile>> = { seam: seamProfile };

/** The profile a run uses when neither `--profile` nor the configuration names one. */
export const defaultProfile: Profile = seamProfile;
