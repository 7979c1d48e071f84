// How recordings are made and used, chosen by `--mode` or DOC_HARNESS_MODE (VCR's record modes):
// derive   build missing recordings from the docs (the default without a live target);
// record   record what a live target answers (the default with --target);
// lockdown replay only: a missing recording is a failure, the network is off (what CI uses);
// update   re-record everything (from the docs, or the target) and show what changed.
export const MODES = ['derive', 'record', 'lockdown', 'update'] as const;
export type MockMode = (typeof MODES)[number];

export const MODE_ENV = 'DOC_HARNESS_MODE';

/** Throws with a one-line message for a mode that does not exist, or `record` without a target. */
export function resolveMode(flag: string | undefined, env: Record<string, string | undefined>, target: string | undefined): MockMode {
  const chosen = flag ?? (env[MODE_ENV] || undefined) ?? (target ? 'record' : 'derive');
  const from = flag !== undefined ? '--mode' : env[MODE_ENV] ? MODE_ENV : 'default';
  if (!(MODES as readonly string[]).includes(chosen)) throw new Error(`${from}: unknown mode "${chosen}"; modes: ${MODES.join(', ')}`);
  if (chosen === 'record' && !target) throw new Error(`${from}: mode record needs --target URL (the live server to record)`);
  return chosen as MockMode;
}
