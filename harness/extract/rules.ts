// Every diagnostic extraction can give, by rule id: what `--rule` filters and docs can list.
import type { ExtractionRuleId, Severity } from '../model.ts';

export interface ExtractionRule {
  severity: Severity;
  /** What it means, in one line. */
  description: string;
}

export const extractionRules: Readonly<Record<ExtractionRuleId, ExtractionRule>> = {
  'path-not-found': { severity: 'error', description: 'an input names no file or folder' },
  'no-markdown': { severity: 'error', description: 'a folder or glob holds no markdown file' },
  'file-unreadable': { severity: 'error', description: 'a file or folder cannot be read' },
  'file-too-large': { severity: 'error', description: 'a file is too large to be a docs page (over 2 MiB); it is not read' },
  'file-not-utf8': { severity: 'error', description: 'a file is not UTF-8; read with U+FFFD for the bad bytes' },
  'file-empty': { severity: 'warning', description: 'a file holds nothing' },
  mojibake: { severity: 'warning', description: 'UTF-8 that was decoded as Windows-1252 (`â‡’` for `⇒`); read as meant' },
  'tabs-reopened': { severity: 'warning', description: '`{% tabs %}` while a group is open; the open group ends there' },
  'tabs-unclosed': { severity: 'warning', description: '`{% tabs %}` never closed; the group runs to the end of the file' },
  'tabs-empty': { severity: 'warning', description: 'a tab group with no tab' },
  'tab-outside-tabs': { severity: 'warning', description: '`{% tab %}` outside any group; it starts one' },
  'tab-unclosed': { severity: 'warning', description: 'a tab with no `{% endtab %}`; it ends where the next tab or the group does' },
  'endtab-unopened': { severity: 'warning', description: '`{% endtab %}` with no open tab' },
  'endtabs-unopened': { severity: 'warning', description: '`{% endtabs %}` with no open group' },
  'fence-unclosed': { severity: 'warning', description: 'a code fence never closed; the rest of the file is its code' },
  'code-outside-tab': { severity: 'warning', description: 'a code block between tabs, shown to nobody and not read' },
  'tab-missing-request': { severity: 'error', description: 'an example tab with a response and no request' },
  'tab-missing-response': { severity: 'error', description: 'an example tab with a request and no response' },
  'tab-empty': { severity: 'error', description: 'an example tab with no code block' },
  'tab-extra-code': { severity: 'warning', description: 'a code block in an example tab that is neither its request nor its response' },
  'tab-language-mismatch': { severity: 'warning', description: 'the fence and the tab title name different languages (the fence wins)' },
  'duplicate-language': { severity: 'warning', description: 'two tabs of one language in a group' },
  'unknown-language': { severity: 'info', description: 'a tab in a language the profile does not know: kept, not run' },
  'tabs-not-example': { severity: 'info', description: 'a tab group with no request/response headings: counted apart, not run' },
  'annotation-unattached': { severity: 'warning', description: 'a `<!-- doc-harness: … -->` annotation that is unknown or stands before no group or tab: ignored' },
};
