// Small pieces several rules share: how to name a tab, where a finding stands, how to say what
// tabs disagree on.
import { isKnownLanguage, type Json, type KnownLanguageId, type Point, type Sample } from '../model.ts';
import type { Profile } from '../profile.ts';
import type { Difference } from '../compare/values.ts';
import { show } from '../compare/format.ts';
import { spanOf, type Range } from '../values/spans.ts';
import type { Finding } from './rule.ts';

export function label(sample: Sample, profile: Profile): string {
  return profile.languages.find((language) => language.id === sample.language)?.label ?? sample.title;
}

export function labels(samples: readonly Sample[], profile: Profile): string {
  return samples.map((sample) => label(sample, profile)).join(', ');
}

/** `in every tab` or `in JavaScript, Python`: which tabs show a defect, for one finding about all of them. */
export function inTabs(samples: readonly Sample[], all: number, profile: Profile): string {
  return samples.length === all && all > 1 ? 'in every tab' : `in ${labels(samples, profile)}`;
}

/** The finding's place: the range when known, else the fallback point (a snippet's start). */
export function place(range: Range | undefined, fallback: Point): Pick<Finding, 'line' | 'column' | 'end'> {
  if (!range) return { line: fallback.line, column: fallback.column };
  const span = spanOf(range);
  return { line: span.start.line, column: span.start.column, end: span.end };
}

/** The tab a finding is about, when its language is one doc-harness reads. */
export function languageOf(sample: Sample): { language?: KnownLanguageId } {
  return isKnownLanguage(sample.language) ? { language: sample.language } : {};
}

/**
 * One tab against the tabs it disagrees with, a clause per difference:
 * `params.limit: 10 in Go, "10" in JavaScript, Python`. `root` names what `$` stands for.
 */
export function describeDifference(difference: Difference, here: string, there: string, root: string): string {
  const path = root + difference.path.slice(1);
  const theirs = (value: Json | undefined) => (value === undefined ? 'void' : show(value));
  switch (difference.kind) {
    case 'different':
      return `${path}: ${show(difference.returned)} in ${here}, ${show(difference.documented)} in ${there}`;
    case 'missing':
      return `${path}: missing in ${here}, ${show(difference.documented)} in ${there}`;
    case 'extra':
      return `${path}: ${show(difference.returned)} in ${here}, missing in ${there}`;
    case 'length':
      return `${path}: ${(difference.returned as Json[]).length} item(s) in ${here}, ${(difference.documented as Json[]).length} in ${there}`;
    case 'void':
      return `${path}: ${theirs(difference.returned)} in ${here}, ${theirs(difference.documented)} in ${there}`;
  }
}

/** A compare path (`$.a[0].b`, `$["x y"]`) as a JSON pointer (`/a/0/b`), to find where it stands. */
export function pointerOfPath(path: string): string {
  const steps: string[] = [];
  const pattern = /\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;
  for (const m of path.slice(1).matchAll(pattern)) steps.push(m[1] ?? m[2] ?? (JSON.parse(m[3]) as string));
  return steps.map((step) => `/${step.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}
