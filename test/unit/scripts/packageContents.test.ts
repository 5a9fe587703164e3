// The .vsix's details page: `vsce ls` ships the icon, the README with its screenshot, and the changelog.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { checkPackageContents, readmeImages } from '../../../scripts/lib/vsix.mjs';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

describe('package contents (vsce ls)', function () {
  // vsce reads the whole tree: seconds on a busy machine.
  this.timeout(180_000);

  it('ships the icon the manifest names, the README, every image it shows, and the changelog', () => {
    const files = checkPackageContents();
    const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
      icon?: string;
      repository?: unknown;
    };
    assert.equal(manifest.icon, 'images/icon.png');
    const images = readmeImages();
    assert.ok(images.length > 0, 'the README shows a screenshot');
    for (const file of ['README.md', 'CHANGELOG.md', manifest.icon, ...images])
      assert.ok(files.includes(file), `${file} is in the .vsix (files: ${files.join(', ')})`);
    const icon = readFileSync(path.join(repoRoot, manifest.icon));
    assert.equal(icon.subarray(1, 4).toString('latin1'), 'PNG', 'the icon is a PNG');
    assert.ok(icon.readUInt32BE(16) >= 128 && icon.readUInt32BE(20) >= 128, 'the icon is at least 128 x 128');
    assert.equal(manifest.repository, undefined, 'no placeholder repository URL');
  });
});
