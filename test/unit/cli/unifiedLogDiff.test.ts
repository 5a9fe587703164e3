// The parallel-diff log comparison is a line diff: reordered and repeated lines show, not only new ones.
import * as assert from 'node:assert/strict';
import { unifiedLogDiff } from '../../../cli/src/reports/unifiedLogDiff';

describe('parallel-diff log difference (unified diff)', () => {
  it('shows a line that moved, which a set difference would hide', () => {
    assert.deepEqual(
      unifiedLogDiff('cc -c a.c\ncc -c b.c\nld app\n', 'cc -c b.c\ncc -c a.c\nld app\n', '-j4'),
      ['--- serial', '+++ -j4', '@@ -1,3 +1,3 @@', '-cc -c a.c', ' cc -c b.c', '+cc -c a.c', ' ld app'],
    );
  });

  it('shows a line printed twice, and nothing for equal logs', () => {
    assert.deepEqual(unifiedLogDiff('gen\n', 'gen\ngen', '-j2').slice(2), [
      '@@ -1,1 +1,2 @@',
      ' gen',
      '+gen',
    ]);
    assert.deepEqual(unifiedLogDiff('same\n', 'same', '-j2'), []);
  });

  it('cuts a long diff and says how much is left', () => {
    const many = (prefix: string) => Array.from({ length: 30 }, (_, i) => `${prefix}${i}`).join('\n');
    const lines = unifiedLogDiff(many('a'), many('b'), '-j4', 10);
    assert.equal(lines.length, 13);
    assert.match(lines[12], /^… 51 more line\(s\)/);
  });
});
