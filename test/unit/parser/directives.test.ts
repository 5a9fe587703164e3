// include and its variants, vpath in its three forms.
import * as assert from 'node:assert/strict';
import { at, includes, parseMakefile, problemCodes, vpaths } from './parseHelpers';

describe('parser: include and vpath', () => {
  it('parses include, -include and sinclude with several paths and their ranges', () => {
    const text = 'include a.mk  $(DIR)/b.mk\n-include $(DEPS) # deps\nsinclude c.mk\ninclude\n';
    const file = parseMakefile(text);
    const list = includes(file);
    assert.deepEqual(
      list.map((i) => [i.directive, i.paths.map((p) => p.text)]),
      [
        ['include', ['a.mk', '$(DIR)/b.mk']],
        ['-include', ['$(DEPS)']],
        ['sinclude', ['c.mk']],
        ['include', []],
      ],
    );
    assert.equal(at(list[0].paths[1].range), '0:14-0:25');
    assert.equal(at(list[1].range), '1:0-1:16');
    assert.deepEqual(
      file.references.map((r) => [r.name, r.context]),
      [
        ['DIR', 'include'],
        ['DEPS', 'include'],
      ],
    );
    assert.deepEqual(problemCodes(file), []);
  });

  it('continues an include line onto the next line', () => {
    const list = includes(parseMakefile('include a.mk \\\n  b.mk\n'));
    assert.deepEqual(
      list[0].paths.map((p) => [p.text, at(p.range)]),
      [
        ['a.mk', '0:8-0:12'],
        ['b.mk', '1:2-1:6'],
      ],
    );
  });

  it('parses vpath in all three forms, splitting directories on blanks and colons', () => {
    const text = 'vpath %.c src:lib  other\nvpath %.h\nvpath\n';
    const [full, pattern, bare] = vpaths(parseMakefile(text));
    assert.equal(full.pattern?.text, '%.c');
    assert.deepEqual(
      full.directories.map((d) => [d.text, at(d.range)]),
      [
        ['src', '0:10-0:13'],
        ['lib', '0:14-0:17'],
        ['other', '0:19-0:24'],
      ],
    );
    assert.equal(pattern.pattern?.text, '%.h');
    assert.deepEqual(pattern.directories, []);
    assert.equal(bare.pattern, undefined);
    assert.equal(at(bare.range), '2:0-2:5');
  });

  it('does not split a vpath directory inside a reference', () => {
    const [v] = vpaths(parseMakefile('vpath %.c $(SRC:a=b):x\n'));
    assert.deepEqual(
      v.directories.map((d) => d.text),
      ['$(SRC:a=b)', 'x'],
    );
  });
});
