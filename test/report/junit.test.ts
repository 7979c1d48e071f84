// The JUnit reporter: valid against the schema CI viewers read, and, parsed back, the same
// verdicts, counts, places and diffs as the report it was given.
import { describe, expect, it } from 'vitest';
import { junitXml } from '../../harness/report/test/junit.ts';
import { junitSchemaErrors } from './junit-schema.ts';
import { knownResults, reportOf, result } from './reports.ts';
import { parseXml, type XmlElement } from './xml.ts';

const label = (language: string) => ({ javascript: 'JavaScript', seam_cli: 'Seam CLI', curl: 'cURL' })[language] ?? language;
const outcome = (testcase: XmlElement) => testcase.children.find((c) => ['failure', 'error', 'skipped'].includes(c.name));

describe('the JUnit reporter', () => {
  const report = reportOf(knownResults());
  const xml = junitXml(report, label);

  it('is valid against the Jenkins JUnit schema', async () => {
    expect(await junitSchemaErrors(xml)).toEqual([]);
  });

  it('reads back as the report: a suite per page, a case per sample, each verdict where CI looks for it', () => {
    const root = parseXml(xml);
    expect(root.attributes).toMatchObject({ tests: '5', failures: '1', errors: '1' });
    const suites = root.children.filter((c) => c.name === 'testsuite');
    expect(suites.map((s) => [s.attributes.name, s.attributes.tests, s.attributes.failures, s.attributes.errors, s.attributes.skipped])).toEqual([
      ['docs/devices/get.md', '3', '0', '1', '0'],
      ['docs/locks/unlock_door.md', '2', '1', '0', '1'],
    ]);
    const cases = suites.flatMap((s) => s.children.filter((c) => c.name === 'testcase'));
    expect(cases.map((c) => [c.attributes.name, outcome(c)?.name ?? 'pass'])).toEqual(
      knownResults().map((r) => [`${r.file}:${r.line} ${label(r.language)}: ${r.endpoint}`, { pass: 'pass', fail: 'failure', error: 'error', skip: 'skipped' }[r.verdict]]),
    );
    const failure = outcome(cases[3])!;
    expect(failure.attributes).toEqual({ type: 'response-mismatch', message: '$.status: documented "pending", returned "success"' });
    expect(failure.text).toBe('docs/locks/unlock_door.md:16:1\n$.status: documented "pending", returned "success"');
    const error = outcome(cases[2])!;
    expect(error.attributes.type).toBe('runtime');
    expect(error.text).toBe('docs/devices/get.md:54:3\nruntime: curl: (6) Could not resolve host\nexit status 6');
    expect(outcome(cases[4])!.text).toBe('Seam CLI: no node on this machine');
    expect(cases[0].children.find((c) => c.name === 'system-out')?.text).toBe('client: seam 1.245.0');
    expect(cases.map((c) => c.attributes.time)).toEqual(knownResults().map((r) => (r.durationMs / 1000).toFixed(3)));
  });

  it('marks an interrupted run in each suite’s properties, still valid', async () => {
    const interrupted = reportOf(knownResults());
    interrupted.summary.incomplete = true;
    const text = junitXml(interrupted, label);
    expect(text.match(/<properties><property name="incomplete" value="true"\/><\/properties>/g)).toHaveLength(2);
    expect(await junitSchemaErrors(text)).toEqual([]);
  });

  it('keeps markup, quotes, line breaks and control characters from the docs out of the XML’s structure', async () => {
    const hostile = result({
      file: 'docs/a&b.md',
      line: 3,
      language: 'javascript',
      verdict: 'fail',
      endpoint: 'POST /x"y<z>',
      reason: 'line one\nline two </failure><testcase name="forged"/> \u0007 & done',
      differences: ['$["<k>"]: documented "]]>", returned "&amp;"'],
    });
    const text = junitXml(reportOf([hostile]), label);
    expect(await junitSchemaErrors(text)).toEqual([]);
    const testcase = parseXml(text).children[0].children.find((c) => c.name === 'testcase')!;
    expect(testcase.attributes.name).toBe('docs/a&b.md:3 JavaScript: POST /x"y<z>');
    expect(outcome(testcase)!.attributes.message).toBe('line one\nline two </failure><testcase name="forged"/>  & done');
    expect(outcome(testcase)!.text).toContain('$["<k>"]: documented "]]>", returned "&amp;"');
  });
});

// The validator has to be able to say no, or the tests above prove nothing.
describe('the JUnit schema check', () => {
  it.each([
    ['an attribute the schema does not have', '<testsuites><testsuite name="a" tests="1"><testcase name="t" file="a.md"/></testsuite></testsuites>'],
    ['a suite without its test count', '<testsuites><testsuite name="a"><testcase name="t"/></testsuite></testsuites>'],
    ['properties inside a test case', '<testsuites><testsuite name="a" tests="1"><testcase name="t"><properties><property name="a" value="b"/></properties></testcase></testsuite></testsuites>'],
    ['XML that is not well-formed', '<testsuites><testsuite name="a" tests="1"></testsuites>'],
  ])('refuses %s', async (_, body) => {
    expect(await junitSchemaErrors(`<?xml version="1.0" encoding="UTF-8"?>\n${body}\n`)).not.toEqual([]);
  });
});
