import type { Diagnostic, ExtractionRuleId, LintRuleId, Page } from '../model.ts';
import type { Profile } from '../profile.ts';
import type { ApiDescription } from '../values/schema/api.ts';
import { readPage } from '../values/read-example.ts';
import { extractionRuleDoc, lintRuleDoc } from './docs.ts';
import { rules as allRules, ruleIds } from './registry.ts';

export interface LintOptions {
  profile: Profile;
  /** The API's description (`profile.loadApi()`); without it the schema rules say nothing. */
  api?: ApiDescription;
  /** Only these rule ids (a rule's own id or one it also reports under); all when empty. */
  only?: readonly string[];
}

/** Runs every rule over every page; findings sorted by file, line, column. Pure: no I/O. */
export function lintPages(pages: readonly Page[], options: LintOptions): Diagnostic[] {
  const only = options.only && options.only.length > 0 ? new Set(options.only) : null;
  const ids = ruleIds();
  const active = only ? allRules.filter((rule) => [...only].some((id) => ids.get(id as LintRuleId) === rule)) : allRules;
  const findings: Diagnostic[] = [];
  for (const page of pages) {
    const read = readPage(page);
    for (const rule of active) {
      rule.check({
        read,
        profile: options.profile,
        api: options.api,
        report(finding) {
          const id = finding.rule ?? rule.id;
          if (only && !only.has(id)) return;
          findings.push({
            severity: finding.severity ?? rule.severity,
            file: page.file,
            line: finding.line,
            column: finding.column,
            ...(finding.end ? { endLine: finding.end.line, endColumn: finding.end.column } : {}),
            message: finding.message,
            rule: id,
            url: lintRuleDoc(rule.id, id),
            ...(finding.language ? { language: finding.language } : {}),
            ...(finding.fix ? { fix: finding.fix } : {}),
          });
        },
      });
    }
  }
  return findings.sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule),
  );
}

/** Rule ids `--rule` accepts, for the usage error when one is misspelt. */
export function knownRuleIds(): string[] {
  return [...ruleIds().keys()].sort();
}

/** An extraction diagnostic with the link to its rule's doc section. */
export function withExtractionDoc(diagnostic: Diagnostic): Diagnostic {
  return diagnostic.url ? diagnostic : { ...diagnostic, url: extractionRuleDoc(diagnostic.rule as ExtractionRuleId) };
}
