// The timeline summary says how long the makes read their makefiles: in total, and per makefile a make was given.
import * as assert from 'node:assert/strict';
import { timelineReport } from '../../../cli/src/reports/timelineReport';
import { createStyle } from '../../../cli/src/reports/style';
import type { TimelineResult } from '../../../engine/timeline/timelineProbe';
import type { ReadSpan } from '../../../engine/timeline/timelineTypes';
import { emptyTimeline } from '../../shared/timelineShapes';

function result(reads: ReadSpan[]): TimelineResult {
  return {
    directory: '/p',
    targets: [],
    make: { path: 'make', version: '4.3' },
    command: ['make', '-j2', '-p'],
    recorder: 'shell',
    exitCode: 0,
    output: '',
    notes: [],
    timeline: emptyTimeline({ wallSeconds: 4, jobs: 2, reads }),
  };
}

/** The top make reads Makefile with common.mk twice (it remade gen.mk and re-executed); a sub-make reads sub/Makefile. */
const READS: ReadSpan[] = [
  { level: 0, start: 0, end: 0.25, pid: 10, directory: '/p', makefiles: ['Makefile', 'common.mk'] },
  { level: 0, start: 0.5, end: 1, pid: 10, directory: '/p', makefiles: ['Makefile', 'common.mk', 'gen.mk'] },
  { level: 1, start: 1.5, end: 1.6, pid: 12, directory: '/p/sub', makefiles: ['Makefile'] },
];

describe('timeline summary: reading makefiles', () => {
  const text = timelineReport(result(READS), createStyle(false));

  it('gives the total as a figure', () => {
    assert.match(text, /\n {2}parsing +0\.85 s reading makefiles \(3 reads by 2 makes\)\n/);
  });

  it('lists the parse time per makefile a make was given, longest first, with what it included', () => {
    const section = text.slice(text.indexOf('Reading makefiles\n'));
    assert.deepEqual(section.split('\n').slice(1, 3), [
      '     0.75 s  Makefile (2 reads), including common.mk gen.mk',
      '     0.10 s  sub/Makefile',
    ]);
  });

  it('leaves the section out when no make read (a timeline without reads)', () => {
    assert.ok(!timelineReport(result([]), createStyle(false)).includes('Reading makefiles'));
  });
});
