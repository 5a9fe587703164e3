// The SARIF schema check used by the evidence tests rejects what a SARIF consumer would reject.
import * as assert from 'node:assert/strict';
import { validateSarif } from './support/sarifSchema';

const log = (result: object) => ({
  version: '2.1.0',
  runs: [{ tool: { driver: { name: 'makescope' } }, results: [{ message: { text: 'stale' }, ...result }] }],
});

describe('SARIF 2.1.0 schema check', () => {
  it('accepts a minimal log and refuses a wrong version, level or line', () => {
    validateSarif(log({ level: 'warning' }));
    assert.throws(() => validateSarif({ ...log({}), version: '2.0.0' }), /SARIF 2\.1\.0 schema/);
    assert.throws(() => validateSarif(log({ level: 'fatal' })), /level/);
    const badLine = { locations: [{ physicalLocation: { region: { startLine: 0 } } }] };
    assert.throws(() => validateSarif(log(badLine)), /startLine/);
    assert.throws(() => validateSarif({ ...log({}), $schema: 'not a uri' }), /format "uri"/);
  });
});
