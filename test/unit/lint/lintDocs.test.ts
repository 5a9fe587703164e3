// docs/lint.md, which the help and the settings point to, documents exactly the rule table: code, name, severity.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LINT_RULES } from '../../../engine/lint/ruleTable';

const DOC = readFileSync(join(__dirname, '../../../docs/lint.md'), 'utf8');

describe('docs/lint.md', () => {
  it('has one section per rule of the table, with its name and default severity, in order', () => {
    const sections = [...DOC.matchAll(/^## (MS\d{3}) (\S+) \((\w+)/gm)].map((m) => `${m[1]} ${m[2]} ${m[3]}`);
    assert.deepEqual(
      sections,
      LINT_RULES.map((rule) => `${rule.code} ${rule.name} ${rule.defaultSeverity}`),
    );
  });

  it('names no code the table does not have, and gives each rule an example', () => {
    const table = new Set(LINT_RULES.map((rule) => rule.code));
    const named = new Set(DOC.match(/\bMS\d{3}\b/g));
    assert.deepEqual(
      [...named].filter((code) => !table.has(code)),
      [],
    );
    for (const section of DOC.split(/^## /m).filter((part) => /^MS\d{3}/.test(part)))
      assert.match(section, /```make\n[\s\S]+?\n```/, `an example in ${section.slice(0, 5)}`);
  });
});
