// Which makefiles each read is said to have read: the make's database (printed by its last run) gives its last
// read the whole MAKEFILE_LIST; a read it redid after remaking a makefile is only known to have read the first.
import * as assert from 'node:assert/strict';
import type { MakeGraph } from '../../../engine/timeline/makeDatabases';
import { buildTimeline } from '../../../engine/timeline/timelineProbe';

const graph = (makefiles: string[]): MakeGraph => ({ graph: new Map(), recipes: new Map(), makefiles });

describe('timeline: the makefiles of each read', () => {
  it("gives a make's last read its database's MAKEFILE_LIST, an earlier read of the same make only the makefile it was given", () => {
    const timeline = buildTimeline(
      {
        first: 100,
        last: 103,
        spans: [],
        reads: [
          { level: 0, start: 0, end: 0.5, pid: 10, directory: '/p', makefiles: [] },
          { level: 0, start: 1, end: 1.5, pid: 10, directory: '/p', makefiles: [] },
          { level: 1, start: 2, end: 2.5, pid: 11, directory: '/p/sub', makefiles: [] },
          { level: 1, start: 2, end: 2.5, pid: 12, makefiles: [] },
        ],
      },
      new Map([
        ['0|/p', graph(['Makefile', '.make-settings'])],
        ['1|/p/sub', graph(['Makefile', '../common.mk'])],
      ]),
      2,
    );
    assert.deepEqual(
      timeline.reads.map((read) => read.makefiles),
      [['Makefile'], ['Makefile', '.make-settings'], ['Makefile', '../common.mk'], []],
    );
  });
});
