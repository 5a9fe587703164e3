// The one list of Debian packages: complete for every layer, read by .ci/run, installed as root, else one sudo line.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  ensureSystemPackages,
  systemPackages,
  type SystemPackage,
} from '../../../scripts/system-packages.mjs';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

describe('system packages (scripts/system-packages.mjs)', () => {
  it('lists every tool a layer runs, each once with a reason', () => {
    const names = systemPackages.map((pkg) => pkg.name);
    // The tools the issue found missing on a fresh machine, and the isolation tools the probes use.
    for (const needed of [
      'chromium',
      'libkrb5-dev',
      'ripgrep',
      'g++',
      'make',
      'python3',
      'bmake',
      'autoconf',
      'automake',
      'dpkg-dev',
      'strace',
      'shellcheck',
      'cmake',
      'fuse-overlayfs',
      'util-linux',
    ])
      assert.ok(names.includes(needed), `${needed} is not in the list`);
    assert.equal(new Set(names).size, names.length, 'a package is listed twice');
    for (const pkg of systemPackages) assert.ok(pkg.why.length > 0 && pkg.file.startsWith('/'), pkg.name);
  });

  it('is the list .ci/run installs (no second list there)', () => {
    const ci = readFileSync(path.join(repoRoot, '.ci', 'run'), 'utf8');
    assert.match(ci, /node scripts\/system-packages\.mjs --names/);
    assert.doesNotMatch(ci, /packages=\(/);
  });

  it("is the list the README's set-up names, package for package", () => {
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const setup = readme.slice(
      readme.indexOf('## Set-up'),
      readme.indexOf('\n## ', readme.indexOf('## Set-up') + 1),
    );
    const start = setup.indexOf('The first run installs every Debian package');
    assert.ok(start >= 0, 'the set-up no longer says which Debian packages the first run installs');
    // The names in backticks before "), with `apt-get`": the list, not the commands after it.
    const list = setup.slice(start, setup.indexOf('), with', start));
    const named = [...list.matchAll(/`([a-z0-9][a-z0-9.+-]*)`/g)].map((match) => match[1]);
    assert.deepEqual(named.sort(), systemPackages.map((pkg) => pkg.name).sort());
  });

  it('stops a non-root user with the one sudo apt-get install line naming only what is missing', () => {
    const absent: SystemPackage[] = [systemPackages.find((pkg) => pkg.name === 'bmake')!];
    let installed = false;
    assert.throws(
      () =>
        ensureSystemPackages({
          isRoot: false,
          missing: () => absent,
          install: () => (installed = true),
          log: () => undefined,
        }),
      (error: Error) => {
        const lines = error.message.split('\n').filter((line) => line.includes('apt-get install'));
        assert.equal(lines.length, 1);
        assert.match(lines[0]!, /sudo apt-get install -y --no-install-recommends bmake$/);
        return true;
      },
    );
    assert.equal(installed, false);
  });

  it('installs what is missing as root, then checks again', () => {
    let absent: SystemPackage[] = systemPackages.filter((pkg) => ['strace', 'cmake'].includes(pkg.name));
    const asked: string[][] = [];
    const installed = ensureSystemPackages({
      isRoot: true,
      missing: () => absent,
      install: (names) => {
        asked.push(names);
        absent = [];
      },
      log: () => undefined,
    });
    assert.deepEqual(asked, [['strace', 'cmake']]);
    assert.deepEqual(installed, ['strace', 'cmake']);
  });

  it('fails when apt-get did not provide a package', () => {
    const absent = systemPackages.filter((pkg) => pkg.name === 'bmake');
    assert.throws(
      () =>
        ensureSystemPackages({
          isRoot: true,
          missing: () => absent,
          install: () => undefined,
          log: () => undefined,
        }),
      /apt-get did not provide: \/usr\/bin\/bmake/,
    );
  });
});
