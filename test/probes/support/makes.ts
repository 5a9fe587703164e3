// The GNU makes the probe tests run against: Debian's 4.3 and 4.4.1 built by scripts/build-make-4.4.1.sh.
import { existsSync } from 'node:fs';
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const make441Path = path.join(repoRoot, '.cache', 'make-4.4.1', 'bin', 'make');

export interface MakeUnderTest {
  version: '4.3' | '4.4.1';
  path: string;
}

export const MAKES: MakeUnderTest[] = [
  { version: '4.3', path: '/usr/bin/make' },
  { version: '4.4.1', path: make441Path },
];

/** Fails with the fix when a make is missing, instead of skipping silently. */
export function requireMake(make: MakeUnderTest): void {
  if (!existsSync(make.path)) {
    throw new Error(
      make.version === '4.4.1'
        ? `GNU make 4.4.1 is missing at ${make.path}: run scripts/build-make-4.4.1.sh first`
        : `GNU make ${make.version} is missing at ${make.path}: apt-get install make`,
    );
  }
}
