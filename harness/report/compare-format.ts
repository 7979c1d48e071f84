// The three forms of `doc-harness compare`: markdown fit for a pull-request comment or a step
// summary, a self-contained HTML page, and JSON for other tools.
import type { ChangeKind, ReportComparison, SampleChange } from './compare.ts';

type Label = (language: string) => string;

const SECTIONS: Array<{ kind: ChangeKind; title: string }> = [
  { kind: 'newly-failing', title: '❌ Newly failing' },
  { kind: 'newly-passing', title: '✅ Newly passing' },
  { kind: 'still-failing', title: '⚠️ Still failing' },
  { kind: 'value-changed', title: '🔁 Returned value changed, same verdict' },
  { kind: 'added', title: '➕ Only in the second run' },
  { kind: 'removed', title: '➖ Only in the first run' },
];

/** Value changes listed per sample before the rest is counted. */
const VALUE_LINES = 8;

export function comparisonJson(comparison: ReportComparison): string {
  return `${JSON.stringify(comparison, null, 2)}\n`;
}

function headline(comparison: ReportComparison): string {
  const count = (kind: ChangeKind) => comparison.changes.filter((c) => c.kind === kind).length;
  const parts = [`${count('newly-failing')} newly failing`, `${count('newly-passing')} newly passing`, `${count('still-failing')} still failing`, `${count('value-changed')} returned value(s) changed`];
  return `doc-harness compare: ${parts.join(', ')}`;
}

function clientChange(before: string | null, after: string | null): string {
  if (before === after) return before ?? '—';
  return `${before ?? '—'} → ${after ?? '—'}`;
}

function passed(counts: { pass: number; total: number; skip: number }): string {
  return `${counts.pass}/${counts.total - counts.skip} passed`;
}

function where(change: SampleChange): string {
  return `${change.file}:${(change.after ?? change.before)!.line}`;
}

function verdicts(change: SampleChange): string {
  const side = (s: SampleChange['before']) => (s ? s.verdict : 'absent');
  return `${side(change.before)} → ${side(change.after)}`;
}

function reasonOf(change: SampleChange): string {
  return (change.after ?? change.before)!.reason;
}

// ---------------------------------------------------------------- markdown

export function comparisonMarkdown(comparison: ReportComparison, label: Label): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;
  const out = [
    `## ${headline(comparison)}`,
    '',
    `Before: ${code(comparison.before.file)} (${passed(comparison.before.summary)}) · after: ${code(comparison.after.file)} (${passed(comparison.after.summary)})`,
    '',
    '| language | client | before | after | newly failing | newly passing | still failing | values changed |',
    '|---|---|---|---|---:|---:|---:|---:|',
    ...comparison.languages.map(
      (l) =>
        `| ${cell(label(l.language))} | ${cell(clientChange(l.client.before, l.client.after))} | ${passed(l.before)} | ${passed(l.after)} | ${l.changes['newly-failing']} | ${l.changes['newly-passing']} | ${l.changes['still-failing']} | ${l.changes['value-changed']} |`,
    ),
  ];
  for (const { kind, title } of SECTIONS) {
    const changes = comparison.changes.filter((c) => c.kind === kind);
    if (changes.length === 0) continue;
    out.push('', `### ${title} (${changes.length})`, '');
    for (const change of changes) {
      out.push(`- ${code(where(change))} ${label(change.language)} · ${change.endpoint ?? change.title} (${verdicts(change)}): ${reasonOf(change).replace(/\n/g, ' ')}`);
      const values = change.valueChanges ?? [];
      for (const line of values.slice(0, VALUE_LINES)) out.push(`  - ${code(line)}`);
      if (values.length > VALUE_LINES) out.push(`  - … and ${values.length - VALUE_LINES} more`);
    }
  }
  if (comparison.changes.length === 0) out.push('', 'No sample changed.');
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------- html

export function comparisonHtml(comparison: ReportComparison, label: Label): string {
  const rows = comparison.languages
    .map(
      (l) =>
        `<tr><td>${esc(label(l.language))}</td><td>${esc(clientChange(l.client.before, l.client.after))}</td><td>${passed(l.before)}</td><td>${passed(l.after)}</td><td>${l.changes['newly-failing']}</td><td>${l.changes['newly-passing']}</td><td>${l.changes['still-failing']}</td><td>${l.changes['value-changed']}</td></tr>`,
    )
    .join('\n');
  const sections = SECTIONS.map(({ kind, title }) => {
    const changes = comparison.changes.filter((c) => c.kind === kind);
    if (changes.length === 0) return '';
    const items = changes
      .map((change) => {
        const values = (change.valueChanges ?? []).map((line) => `<li><code>${esc(line)}</code></li>`).join('');
        return `<li data-kind="${kind}"><code>${esc(where(change))}</code> ${esc(label(change.language))} · ${esc(change.endpoint ?? change.title)} (${esc(verdicts(change))}): ${esc(reasonOf(change))}${values ? `<ul>${values}</ul>` : ''}</li>`;
      })
      .join('\n');
    return `<h2>${esc(title)} (${changes.length})</h2>\n<ul>\n${items}\n</ul>`;
  }).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${esc(headline(comparison))}</title>
<style>
body { font: 14px/1.45 system-ui, sans-serif; margin: 20px 24px; color: #1f2328; }
table { border-collapse: collapse; } th, td { border: 1px solid #d0d7de; padding: 4px 8px; text-align: left; }
code { font: 12px ui-monospace, monospace; background: #f6f8fa; padding: 0 3px; }
li { margin: 3px 0; }
</style>
</head>
<body>
<h1>${esc(headline(comparison))}</h1>
<p>Before: <code>${esc(comparison.before.file)}</code> (${passed(comparison.before.summary)}) · after: <code>${esc(comparison.after.file)}</code> (${passed(comparison.after.summary)})</p>
<table>
<tr><th>language</th><th>client</th><th>before</th><th>after</th><th>newly failing</th><th>newly passing</th><th>still failing</th><th>values changed</th></tr>
${rows}
</table>
${sections || '<p>No sample changed.</p>'}
</body>
</html>
`;
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
