import type { Diagnostic, Page } from '../model.ts';
import type { Profile } from '../profile.ts';
import { readPage } from '../values/read-example.ts';
import { rules as allRules, ruleIds } from './registry.ts';

export interface LintOptions {
  profile: Profile;
  /** Only these rule ids (a rule's own id or one it also reports under); all when empty. */
  only?: readonly string[];
}

/** Runs every rule over every page; findings sorted by file, line, column. Pure: no I/O. */
export function lintPages(pages: readonly Page[], options: LintOptions): Diagnostic[] {
  const only = options.only && options.only.length > 0 ? new Set(options.only) : null;
  const ids = ruleIds();
  const active = only ? allRules.filter((rule) => [...only].some((id) => ids.get(id) === rule)) : allRules;
  const findings: Diagnostic[] = [];
  for (const page of pages) {
    const read = readPage(page);
    for (const rule of active) {
      rule.check({
        read,
        profile: options.profile,
        report(finding) {
          const id = finding.rule ?? rule.id;
          if (only && !only.has(id)) return;
          findings.push({
            severity: finding.severity ?? rule.severity,
            file: page.file,
            line: finding.line,
            column: finding.column,
            message: finding.message,
            rule: id,
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
