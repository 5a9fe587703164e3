// Validates a SARIF log against the SARIF 2.1.0 JSON schema (shipped by @microsoft/jest-sarif), with ajv.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';

const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as object;

const ajv = new Ajv({ schemaId: 'id', allErrors: true, validateSchema: false });
ajv.addMetaSchema(
  JSON.parse(readFileSync(require.resolve('ajv/lib/refs/json-schema-draft-04.json'), 'utf8')) as object,
);
const validate = ajv.compile(schema);

export function validateSarif(log: unknown): void {
  const valid = validate(log);
  assert.ok(valid, `SARIF 2.1.0 schema: ${ajv.errorsText(validate.errors, { separator: '\n' })}`);
}
