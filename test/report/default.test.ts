// The default reporter: the final grid and slowest samples, failures at file:line with their diff,
// live progress drawn in place on a terminal and as plain lines elsewhere.
import { describe, expect, it } from 'vitest';
import { defaultReporter } from '../../harness/report/test/default.ts';
import { ANSI, captured } from './context.ts';
import { knownResults, reportOf } from './reports.ts';

/** The grid's row for `name`: its five numbers. */
function gridRow(output: string, name: string): number[] {
  const line = output.split('\n').find((l) => new RegExp(`^ ${name} +\\d`).test(l));
  if (!line) throw new Error(`no grid row for ${name} in:\n${output}`);
  return line.trim().slice(name.length).trim().split(/\s+/).map(Number);
}

describe('the default reporter, at the end of a run', () => {
  const report = reportOf(knownResults());

  it('prints a grid of languages × pass / fail / error / skip / total that matches the summary', () => {
    const { context, output } = captured();
    defaultReporter(context).onFinish(report);
    const text = output();
    expect(text).toMatch(/^ Language +pass +fail +error +skip +total$/m);
    for (const [language, label] of [['javascript', 'JavaScript'], ['seam_cli', 'Seam CLI'], ['curl', 'cURL']] as const) {
      const n = report.summary.byLanguage[language];
      expect(gridRow(text, label), label).toEqual([n.pass, n.fail, n.error, n.skip, n.total]);
    }
    const s = report.summary;
    expect(gridRow(text, 'all')).toEqual([s.pass, s.fail, s.error, s.skip, s.total]);
  });

  it('lists the slowest samples, slowest first, at their file:line', () => {
    const { context, output } = captured();
    defaultReporter(context).onFinish(report);
    const lines = output().split('\n');
    const start = lines.findIndex((l) => /^ Slowest \d+ sample\(s\)$/.test(l));
    expect(start).toBeGreaterThan(-1);
    const ran = knownResults().filter((r) => r.durationMs > 0).sort((a, b) => b.durationMs - a.durationMs);
    const shown = lines.slice(start + 1, start + 1 + Math.min(5, ran.length));
    expect(shown.map((l) => l.trim().split(/\s+/)[1])).toEqual(ran.slice(0, 5).map((r) => `${r.file}:${r.line}`));
    expect(shown[0]).toMatch(/^ +0\.64s  docs\/locks\/unlock_door\.md:16  JavaScript  POST \/locks\/unlock_door$/);
  });

  it('shows each failure and error at its file:line:column with its diff when nothing streamed them', () => {
    const { context, output } = captured();
    defaultReporter(context).onFinish(report);
    const text = output();
    expect(text).toContain('FAIL docs/locks/unlock_door.md:16:1  JavaScript  POST /locks/unlock_door (seam 1.245.0)\n  $.status: documented "pending", returned "success"\n');
    // An error points where the error is, not where the snippet starts.
    expect(text).toContain('ERROR docs/devices/get.md:54:3  cURL  POST /devices/get (curl 7.88.1)\n  runtime: curl: (6) Could not resolve host\n');
    expect(text).toMatch(/^SKIP 1 sample\(s\) of seam_cli: Seam CLI: no node on this machine$/m);
    expect(text).not.toMatch(ANSI);
  });

  it('says when the run was interrupted, and when a merge misses a shard', () => {
    const interrupted = reportOf(knownResults());
    interrupted.summary.incomplete = true;
    const a = captured();
    defaultReporter(a.context).onFinish(interrupted);
    expect(a.output()).toMatch(/^ INTERRUPTED: /m);
    const b = captured();
    defaultReporter(b.context).onFinish({ ...interrupted, merged: { reports: 2, shards: [{ index: 1, count: 3 }, { index: 3, count: 3 }] } });
    expect(b.output()).toMatch(/^ INCOMPLETE: a shard was interrupted or is missing$/m);
    expect(b.output()).toMatch(/^ Merged +2 report\(s\)$/m);
  });
});

describe('the default reporter while the run goes', () => {
  const plan = { total: 5, languages: [{ language: 'javascript', samples: 2 }, { language: 'seam_cli', samples: 2 }, { language: 'curl', samples: 1 }] };

  it('prints plain lines when not a terminal: the plan, each failure as it comes, each language as it finishes; no escapes', () => {
    const { context, output } = captured({ tty: false });
    const reporter = defaultReporter(context);
    reporter.onPlan!(plan);
    const [pass, cliPass, curlError, fail] = knownResults();
    reporter.onResult!(pass);
    expect(output()).toBe('Running 5 sample(s): javascript 2, seam_cli 2, curl 1\n');
    reporter.onResult!(curlError);
    expect(output()).toMatch(/ERROR docs\/devices\/get\.md:54:3  cURL  .*\n  runtime: curl: \(6\) Could not resolve host\ncURL: 1 sample\(s\) done in \d+\.\ds: 0 passed, 1 failed or errored \(curl 7\.88\.1\)\n$/);
    reporter.onResult!(fail);
    expect(output()).toMatch(/FAIL docs\/locks\/unlock_door\.md:16:1  JavaScript .*\n  \$\.status: documented "pending", returned "success"\nJavaScript: 2 sample\(s\) done in \d+\.\ds: 1 passed, 1 failed or errored \(seam 1\.245\.0\)\n$/);
    reporter.onResult!(cliPass);
    reporter.onFinish(reportOf(knownResults()));
    const text = output();
    expect(text).not.toMatch(ANSI);
    // Failures streamed are not printed a second time.
    expect(text.match(/^FAIL /gm)).toHaveLength(1);
  });

  it('draws a bar per language on a terminal, redrawn in place, with failures printed above the bars', () => {
    const { context, output } = captured({ tty: true, color: true });
    const reporter = defaultReporter(context);
    reporter.onPlan!(plan);
    // Before any result a language is preparing (its client may be installing).
    expect(output()).toMatch(/JavaScript +.*preparing: finding or installing its client \(2 sample\(s\) to run\)/);
    const [pass, , , fail] = knownResults();
    reporter.onResult!(pass);
    reporter.onResult!(fail);
    const text = output();
    // The three bars are erased (cursor up three lines, clear) before the failure is printed, then drawn again.
    const failureAt = text.indexOf('FAIL');
    expect(text.lastIndexOf('\x1b[3A\r\x1b[J', failureAt)).toBeGreaterThan(-1);
    const after = text.slice(failureAt);
    expect(after).toMatch(/JavaScript .*█{24}.* 2\/2/);
    expect(after).toMatch(/Seam CLI .*preparing/);
    reporter.onFinish(reportOf(knownResults()));
    // The bars are gone before the final report, which follows them.
    expect(output().slice(output().lastIndexOf('\x1b[J'))).toMatch(/Language/);
  });

  it('draws no colour when colours are off (NO_COLOR, --no-color), though it still redraws on a terminal', () => {
    const { context, output } = captured({ tty: true, color: false });
    const reporter = defaultReporter(context);
    reporter.onPlan!(plan);
    reporter.onResult!(knownResults()[3]);
    reporter.onFinish(reportOf(knownResults()));
    expect(output()).not.toMatch(/\x1b\[\d+(;\d+)*m/);
    expect(output()).toContain('\x1b[J');
  });
});
