// Pure parts of the parallel diff: strace access parsing, the declared ordering, races, per-target logs, diagnostics.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  parallelDiagnosticsFor,
  parallelFindingsToDiagnostics,
  parallelQuickFixes,
} from '../../../server/src/features/parallelDiagnostics';
import { findRaces, Ordering, type DeclaredGraph } from '../../../engine/parallel/missingPrerequisites';
import type { ParallelFinding } from '../../../engine/parallel/parallelTypes';
import {
  parseStraceAccess,
  splitArgs,
  unquote,
  type TargetAccess,
} from '../../../engine/parallel/straceAccessParser';
import { parseTargetLogs } from '../../../engine/parallel/targetLogs';

const recorded = path.join(__dirname, '..', '..', 'fixtures', 'parallel-recorded');
const options = { roots: ['/tmp/makescope-recorded/project'], envName: 'MAKESCOPE_TARGET' };

function access(
  target: string,
  parts: Partial<Record<keyof Omit<TargetAccess, 'target'>, string[]>>,
): TargetAccess {
  const set = (list?: string[]): Set<string> => new Set(list ?? []);
  return {
    target,
    reads: set(parts.reads),
    writes: set(parts.writes),
    deletes: set(parts.deletes),
    createdDirectories: set(parts.createdDirectories),
    ensuredDirectories: set(parts.ensuredDirectories),
    neededDirectories: set(parts.neededDirectories),
    probes: set(parts.probes),
    subMakeWrites: set(parts.subMakeWrites),
  };
}

describe('strace access parser', () => {
  it('splits arguments and decodes C strings as strace prints them', () => {
    assert.deepEqual(splitArgs('AT_FDCWD</x>, "a, b", O_RDONLY'), ['AT_FDCWD</x>', '"a, b"', 'O_RDONLY']);
    assert.deepEqual(splitArgs('"sh", ["sh", "-c", "x"], ["A=1"]'), ['"sh"', '["sh", "-c", "x"]', '["A=1"]']);
    assert.deepEqual(splitArgs('"sh", ["sh", "-c", "x"], ["A=1", "B=2"]', 2), [
      '"sh"',
      '["sh", "-c", "x"], ["A=1", "B=2"]',
    ]);
    assert.equal(unquote('"a\\"b\\n\\303\\251"'), 'a"b\né');
    assert.equal(unquote('"long"...'), 'long');
    assert.equal(unquote('"\\x41z\\t"'), 'Az\t');
    assert.equal(unquote('"a"b"'), undefined);
    assert.equal(unquote('plain'), undefined);
  });

  it('ties each process of a recorded -j2 build to its target, across unfinished and resumed calls', () => {
    const log = parseStraceAccess(
      readFileSync(path.join(recorded, 'strace-shared-temp-j2.log'), 'utf8'),
      options,
    );
    const upper = log.targets.get('upper.txt');
    const lower = log.targets.get('lower.txt');
    assert.ok(upper && lower, `targets: ${[...log.targets.keys()].join(' ')}`);
    assert.ok(upper.reads.has('words.txt'));
    assert.ok(upper.writes.has('scratch.tmp') && upper.writes.has('upper.txt'));
    assert.ok(upper.deletes.has('scratch.tmp'), 'the rename removes the old name');
    assert.ok(lower.writes.has('scratch.tmp'));
    assert.ok(!lower.writes.has('lower.txt'), 'a failed rename writes nothing');
    assert.equal(log.unattributedProcesses, 0);
  });

  it('records failed reads, mkdir that found the directory, and the directory a write needs', () => {
    const lines = [
      '100 execve("/bin/sh", ["sh"], ["MAKESCOPE_TARGET=out/a"]) = 0',
      '100 mkdir("out", 0777) = -1 EEXIST (File exists)',
      '100 clone(child_stack=NULL, flags=SIGCHLD) = 101',
      '101 openat(AT_FDCWD</p>, "gen.h", O_RDONLY) = -1 ENOENT (No such file or directory)',
      '101 openat(AT_FDCWD</p>, "out/a", O_WRONLY|O_CREAT|O_TRUNC, 0666 <unfinished ...>',
      '101 <... openat resumed>) = 3</p/out/a>',
      '101 openat(AT_FDCWD</p>, "/etc/passwd", O_RDONLY) = 3</etc/passwd>',
    ].join('\n');
    const log = parseStraceAccess(lines, { roots: ['/p'], envName: 'MAKESCOPE_TARGET' });
    const a = log.targets.get('out/a');
    assert.ok(a);
    assert.deepEqual([...a.reads].sort(), ['gen.h'], 'outside the project is ignored; the shell binary too');
    assert.deepEqual([...a.writes], ['out/a']);
    assert.deepEqual([...a.ensuredDirectories], ['out']);
    assert.deepEqual([...a.neededDirectories], ['out']);
  });
});

describe('declared ordering and races', () => {
  it('orders through prerequisite chains, order-only prerequisites and .WAIT', () => {
    const graph: DeclaredGraph = new Map([
      ['all', { prerequisites: ['a', '.WAIT', 'b'], orderOnly: [] }],
      ['c', { prerequisites: ['./b'], orderOnly: ['dir'] }],
      ['b', { prerequisites: ['x'], orderOnly: [] }],
    ]);
    const ordering = new Ordering(graph);
    assert.ok(ordering.ordered('c', 'x'));
    assert.ok(ordering.ordered('dir', 'c'));
    assert.ok(ordering.ordered('a', 'b'), '.WAIT orders b after a');
    assert.ok(!ordering.ordered('a', 'x'), 'siblings with no chain between them');
  });

  it('reports unordered reads, directories and double writes, and nothing declared', () => {
    const targets = new Map(
      [
        access('gen.h', { writes: ['gen.h'] }),
        access('app', { reads: ['gen.h', 'app.c'], writes: ['app'], neededDirectories: ['out'] }),
        access('ok', { reads: ['gen.h'], writes: ['ok', 'tmp'] }),
        access('out', { createdDirectories: ['out'] }),
        access('other', { writes: ['tmp'] }),
      ].map((a) => [a.target, a]),
    );
    const graph: DeclaredGraph = new Map([
      ['ok', { prerequisites: ['gen.h'], orderOnly: [] }],
      ['all', { prerequisites: ['gen.h', 'app', 'ok', 'out', 'other'], orderOnly: [] }],
    ]);
    const races = findRaces(targets, graph);
    assert.deepEqual(
      races.map((r) => [r.kind, r.target, r.otherTarget, r.file]),
      [
        ['missing-prerequisite', 'app', 'gen.h', 'gen.h'],
        ['missing-order-only-directory', 'app', 'out', 'out'],
        ['conflicting-writes', 'ok', 'other', 'tmp'],
      ],
    );
  });
});

describe('per-target logs', () => {
  it('groups output by target and keeps the first error without the shuffle suffix', () => {
    const output = [
      "Makefile:5: update target 'b.txt' due to: target does not exist",
      'cat a.txt > b.txt',
      'cat: a.txt: No such file or directory',
      'make: *** [Makefile:5: b.txt] Error 1 shuffle=reverse',
      'make: *** Waiting for unfinished jobs....',
      "Makefile:3: update target 'a.txt' due to: target does not exist",
      'echo A > a.txt',
    ].join('\n');
    const logs = parseTargetLogs(output);
    assert.deepEqual(logs.order, ['b.txt', 'a.txt']);
    assert.equal(logs.logs.get('b.txt'), 'cat a.txt > b.txt\ncat: a.txt: No such file or directory\n');
    assert.equal(logs.firstError, 'make: *** [Makefile:5: b.txt] Error 1');
    assert.deepEqual(logs.ruleLines.get('a.txt'), { file: 'Makefile', line: 3 });
  });
});

describe('parallel diagnostics and quick fix', () => {
  const finding: ParallelFinding = {
    kind: 'missing-prerequisite',
    target: 'app.txt',
    otherTarget: 'config.h',
    file: 'config.h',
    message: "'app.txt' reads config.h",
    rule: { file: '/p/Makefile', line: 9 },
    otherRule: { file: '/p/Makefile', line: 5 },
    fix: {
      file: '/p/Makefile',
      line: 8,
      character: 16,
      text: ' config.h',
      resultingLine: 'app.txt: main.in config.h',
      title: 'add config.h to the prerequisites of app.txt',
    },
  };

  it('puts a warning on the rule line with the writer as related information', () => {
    const byUri = parallelFindingsToDiagnostics([finding], () => 'app.txt: main.in');
    const diagnostics = byUri.get('file:///p/Makefile');
    assert.equal(diagnostics?.length, 1);
    assert.deepEqual(diagnostics[0].range, {
      start: { line: 8, character: 0 },
      end: { line: 8, character: 16 },
    });
    assert.equal(diagnostics[0].code, 'missing-prerequisite');
    assert.equal(diagnostics[0].relatedInformation?.[0].location.range.start.line, 4);
  });

  it('turns the diagnostic back into the quick fix that inserts the prerequisite', () => {
    const diagnostics = parallelFindingsToDiagnostics([finding]).get('file:///p/Makefile') ?? [];
    const [action] = parallelQuickFixes(diagnostics);
    assert.equal(action.title, 'Add config.h to the prerequisites of app.txt');
    assert.deepEqual(action.edit?.changes?.['file:///p/Makefile'], [
      { range: { start: { line: 8, character: 16 }, end: { line: 8, character: 16 } }, newText: ' config.h' },
    ]);
  });

  it('drops a finding once its fix is on the line, or when the rule moved', () => {
    const text = [
      '',
      '',
      '',
      '',
      'config.h: config.in',
      '',
      '',
      '',
      'app.txt: main.in',
      '\tcat main.in config.h > app.txt',
    ];
    assert.equal(parallelDiagnosticsFor([finding], 'file:///p/Makefile', text.join('\n')).length, 1);
    const fixed = [...text];
    fixed[8] = 'app.txt: main.in config.h';
    assert.deepEqual(parallelDiagnosticsFor([finding], 'file:///p/Makefile', fixed.join('\n')), []);
    assert.deepEqual(
      parallelDiagnosticsFor([finding], 'file:///p/Makefile', ['# moved', ...text].join('\n')),
      [],
    );
    assert.deepEqual(parallelDiagnosticsFor([finding], 'file:///p/other.mk', text.join('\n')), []);
  });
});
