// Validates a SARIF log against the SARIF 2.1.0 JSON schema (a fixture: test/fixtures/sarif-schema), with ajv 8.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

const schemaPath = path.join(__dirname, '..', '..', 'fixtures', 'sarif-schema', 'sarif-2.1.0.json');
const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as object;

// strict: false because the schema uses keywords ajv's strict mode flags (none change what validates);
// formats (uri, date-time) are checked through ajv-formats.
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

export function validateSarif(log: unknown): void {
  const valid = validate(log);
  assert.ok(valid, `SARIF 2.1.0 schema: ${ajv.errorsText(validate.errors, { separator: '\n' })}`);
}
