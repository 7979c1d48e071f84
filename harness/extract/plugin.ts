// The unified plugin: a transformer that reads GitBook tab groups out of the mdast tree and
// leaves the resulting Page on `tree.data.page`.
import type { Root } from 'mdast';
import type { Plugin } from 'unified';
import type { Diagnostic, ExtractionRuleId, Page } from '../model.ts';
import { pageEvents } from './events.ts';
import { segment } from './groups.ts';
import type { LanguageResolver } from './language.ts';
import { buildPage } from './page.ts';
import type { SourceText } from './source.ts';

declare module 'mdast' {
  interface RootData {
    /** Set by remarkGitbookExamples. */
    page?: Page;
  }
}

export interface GitbookExamplesOptions {
  /** The whole original file: every position is computed from it. */
  source: SourceText;
  file: string;
  idPath: string;
  title: string;
  languages: LanguageResolver;
  /** Diagnostics found before parsing (encoding); the page's own are appended. */
  diagnostics?: Diagnostic[];
}

export const remarkGitbookExamples: Plugin<[GitbookExamplesOptions], Root> = function (options) {
  const parse = (text: string) => this.parse(text) as Root;
  return (tree: Root) => {
    const { source } = options;
    const events = pageEvents(tree, {
      source,
      parse,
      // The tree was parsed from a pruned copy with the same lines: line and column carry over.
      shift: (p) => source.point(p.line, p.column),
      depth: 0,
    });
    const diagnostics = options.diagnostics ?? [];
    const report = (at: { line: number; column: number }, severity: Diagnostic['severity'], message: string, rule: ExtractionRuleId) =>
      diagnostics.push({ severity, file: options.file, line: at.line, column: at.column, message, rule });
    const items = segment(events, report);
    tree.data = { ...tree.data, page: buildPage(items, { file: options.file, idPath: options.idPath, languages: options.languages, diagnostics }, options.title) };
  };
};
