import { describe, expect, it } from 'vitest';
import { makeBlock } from '../../test/helpers/block.ts';
import { firstCompilerError, type BatchSample } from './build.ts';
import { goPositions } from './positions.ts';

const sample: BatchSample = { id: 's0003', file: 'thermostats/heat.md', files: {}, isolate: false, imports: [] };

describe('the compiler error a sample gets', () => {
  it('is the first one in its own markdown, with the rest of the output as detail', () => {
    const output = [
      '# doc-harness.local/batch/s0003',
      'thermostats/heat.md:124:3: cannot use api.ThermostatsHeatRequest{…} (value of struct type api.ThermostatsHeatRequest) as *api.ThermostatsHeatRequest value in argument to client.Thermostats.Heat',
      'thermostats/heat.md:125:21: cannot use api.String("x") (value of type *string) as string value in struct literal',
      '',
    ].join('\n');
    expect(firstCompilerError(output, sample)).toEqual({
      kind: 'compile',
      message:
        'cannot use api.ThermostatsHeatRequest{…} (value of struct type api.ThermostatsHeatRequest) as *api.ThermostatsHeatRequest value in argument to client.Thermostats.Heat',
      line: 124,
      column: 3,
      detail: output.split('\n').slice(1, 3).join('\n'),
    });
  });

  it('passes over what the capture around a call says when the call itself is wrong', () => {
    const output = [
      '# doc-harness.local/batch/s0003',
      'thermostats/heat.md:122:2: not enough arguments in call to docHarnessResult',
      '\thave (unknown type)',
      '\twant (T, error)',
      'thermostats/heat.md:122:21: client.Thermostats.ActivateClimatePreset undefined (type *client.Client has no field or method ActivateClimatePreset)',
    ].join('\n');
    expect(firstCompilerError(output, sample)).toMatchObject({
      kind: 'compile',
      message: 'client.Thermostats.ActivateClimatePreset undefined (type *client.Client has no field or method ActivateClimatePreset)',
      line: 122,
      column: 21,
    });
  });

  it('is doc-harness\'s own when only the capture fails: the call does not return (value, error)', () => {
    const output = ['# doc-harness.local/batch/s0003', 'thermostats/heat.md:122:2: not enough arguments in call to docHarnessResult', '\thave (error)', '\twant (T, error)'].join('\n');
    expect(firstCompilerError(output, sample)).toMatchObject({
      kind: 'harness',
      message: 'doc-harness captures client calls that return (value, error); this one does not (have (error), want (T, error))',
      line: 122,
    });
  });

  it('has no position when it is in the harness\'s glue file, not the markdown', () => {
    const output = ['# doc-harness.local/batch/s0003', 's0003/zz_doc_harness.go:11:6: DocHarnessRun redeclared in this block'].join('\n');
    const error = firstCompilerError(output, sample);
    expect(error).toMatchObject({ kind: 'compile', message: 'DocHarnessRun redeclared in this block' });
    expect(error.line).toBeUndefined();
  });
});

describe('Go positions', () => {
  const block = makeBlock('package main\n\nvar s = "héllo" + 1', 10, 'go', 2);
  const positions = goPositions(block);

  it('turn a markdown line and a byte column into the snippet\'s line and character column', () => {
    // `+` is at byte 18 of the line, character 17: é is two bytes.
    expect(positions.map?.(13, 18)).toEqual({ line: 3, column: 17 });
  });

  it('read a column Go does not know as the line\'s first character, and a line outside the snippet as none', () => {
    expect(positions.map?.(13, 0)).toEqual({ line: 3, column: 1 });
    expect(positions.map?.(20, 1)).toBeNull();
  });
});
