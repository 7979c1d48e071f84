// A real credential in a published page is a leak, whatever the page is about. The shapes looked
// for are the common ones scrubbing keeps out of recordings (AWS, GitHub, Stripe, Slack and
// Google keys, JSON Web Tokens, Authorization values, passwords in URLs, private keys): specific
// enough that an example value does not take them. The API's own example tokens (Seam's
// `seam_cst…` in a documented client session) are not among them: docs show those by design, and
// recordings derived from the docs keep them as documented (see harness/mock/derive.ts).
import type { CodeBlock } from '../../../model.ts';
import { COMMON_SECRET_PATTERNS } from '../../../mock/secrets.ts';
import { locateOffset } from '../../../values/locate.ts';
import type { LintRule } from '../../rule.ts';
import { label, languageOf } from '../../support.ts';

export const secretInDocs: LintRule = {
  id: 'secret-in-docs',
  description: 'A snippet holds something shaped like a real credential (a cloud key, a token, a password in a URL).',
  severity: 'error',
  check({ read, profile, report }) {
    for (const example of read.examples) {
      for (const { sample } of example.samples) {
        for (const [what, block] of [['request', sample.request], ['response', sample.response]] as const) {
          for (const { start, end, text } of secrets(block)) {
            const at = locateOffset(block, start);
            report({
              line: at.line,
              column: at.column,
              end: locateOffset(block, end),
              ...languageOf(sample),
              message: `${label(sample, profile)} ${what} holds what looks like a real credential (\`${masked(text)}\`): show a placeholder, and revoke it if it is real`,
            });
          }
        }
      }
    }
  },
};

function secrets(block: CodeBlock): Array<{ start: number; end: number; text: string }> {
  const found: Array<{ start: number; end: number; text: string }> = [];
  for (const pattern of COMMON_SECRET_PATTERNS) {
    for (const m of block.code.matchAll(new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`))) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      // One finding per stretch of text, however many shapes it takes.
      if (found.some((f) => start < f.end && f.start < end)) continue;
      found.push({ start, end, text: m[0] });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Enough of a secret to find it, not enough to use it. */
function masked(text: string): string {
  const oneLine = text.split('\n')[0];
  return oneLine.length <= 8 ? '…' : `${oneLine.slice(0, 4)}…`;
}
