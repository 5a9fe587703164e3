// The client's room pattern holds: every folder under client/src/features/ has an index.ts with register() and is
// wired in extension.ts, and Restricted Mode is read in the trust gate alone.
import * as assert from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

const clientSource = path.join(__dirname, '..', '..', '..', 'client', 'src');
const featuresFolder = path.join(clientSource, 'features');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const file = path.join(folder, name);
    if (statSync(file).isDirectory()) return sourceFiles(file);
    return name.endsWith('.ts') ? [file] : [];
  });
}

/** The room names extension.ts imports (`import * as x from './features/<room>'`) and lists in ROOMS. */
function wiredRooms(): { imported: string[]; listed: string[] } {
  const text = readFileSync(path.join(clientSource, 'extension.ts'), 'utf8');
  const imports = [...text.matchAll(/import \* as (\w+) from '\.\/features\/(\w+)';/g)];
  const rooms = /const ROOMS[^=]*=\s*\[([^\]]*)\]/.exec(text)?.[1] ?? '';
  const listed = rooms
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const byAlias = new Map(imports.map(([, alias, folder]) => [alias, folder]));
  return { imported: imports.map(([, , folder]) => folder), listed: listed.map((a) => byAlias.get(a) ?? a) };
}

describe('client rooms', function () {
  const rooms = readdirSync(featuresFolder).filter((name) =>
    statSync(path.join(featuresFolder, name)).isDirectory(),
  );

  it('every room has an index.ts that exports register(services: ClientServices)', function () {
    assert.ok(rooms.length >= 10, `rooms found: ${rooms.join(', ')}`);
    for (const room of rooms) {
      const text = readFileSync(path.join(featuresFolder, room, 'index.ts'), 'utf8');
      assert.match(
        text,
        /export function register\(services: ClientServices\): void/,
        `features/${room}/index.ts`,
      );
    }
  });

  it('extension.ts imports every room and registers each once, in ROOMS', function () {
    const { imported, listed } = wiredRooms();
    assert.deepStrictEqual([...imported].sort(), [...rooms].sort(), 'rooms imported by extension.ts');
    assert.deepStrictEqual([...listed].sort(), [...rooms].sort(), 'rooms listed in ROOMS');
  });

  it('reads workspace trust in infrastructure/trustGate.ts only', function () {
    const readers = sourceFiles(clientSource)
      .filter((file) => /workspace\.isTrusted/.test(readFileSync(file, 'utf8')))
      .map((file) => path.relative(clientSource, file));
    assert.deepStrictEqual(readers, [path.join('infrastructure', 'trustGate.ts')]);
  });
});
