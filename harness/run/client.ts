// A runner's client, as the run's profile describes it (harness/profile.ts), and the per-sample
// values that description leaves open: `{apiKey}` and `{baseUrl}` in its strings.
import type { ClientDescriptions, ClientValue, Profile } from '../profile.ts';
import { defaultProfile } from '../../profiles/index.ts';

/**
 * The profile's description of the language's client. A caller that names no profile (an
 * installer called on its own) gets the default profile's.
 */
export function clientOf<L extends keyof ClientDescriptions>(env: { profile?: Profile }, language: L): ClientDescriptions[L] {
  return (env.profile ?? defaultProfile).clients[language];
}

/** Why a runner has no client to run: said as a skip reason. */
export function noClient(env: { profile?: Profile }, language: string): string {
  return `the profile "${(env.profile ?? defaultProfile).name}" describes no ${language} client`;
}

export interface ClientValues {
  apiKey: string;
  baseUrl: string;
}

/** A description's value with `{apiKey}` and `{baseUrl}` filled in. */
export function fillClientValue<T extends ClientValue>(value: T, values: ClientValues): T {
  if (typeof value === 'string') return value.replaceAll('{apiKey}', values.apiKey).replaceAll('{baseUrl}', values.baseUrl) as T;
  if (Array.isArray(value)) return value.map((item) => fillClientValue(item, values)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fillClientValue(item, values)])) as T;
  }
  return value;
}
