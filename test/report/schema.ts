// Validates a JSON report against its published schema (harness/report/test/report.schema.json) with Ajv.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { projectFile } from '../../harness/run/assets.ts';

const schema = JSON.parse(readFileSync(projectFile('harness', 'report', 'test', 'report.schema.json'), 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

/** The schema's complaints about `report`; empty when it is valid. */
export function reportSchemaErrors(report: unknown): string[] {
  return validate(report) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
}
