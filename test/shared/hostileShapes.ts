// The named hostile Makefile shapes: read by the parser-scaling test (cost grows linearly) and the memory
// bench (what a parse keeps per byte of input).
import fc from 'fast-check';
import { makefile } from '../hardening/support/makefileArbitrary';
import { SEED } from './seed';

/** Pseudo-random bytes (an LCG from the run's seed), as a binary file read as text would give. */
export function binary(bytes: number): string {
  const buffer = Buffer.alloc(bytes);
  let x = SEED >>> 0;
  for (let i = 0; i < bytes; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    buffer[i] = x >>> 24;
  }
  return buffer.toString('utf8');
}

const grammarSample = fc.sample(makefile, { seed: SEED, numRuns: 150 }).join('\n');

/** Each shape at a size n the scaling test compares with 10n: [n, generate(n)]. */
export const HOSTILE_SHAPES: Record<string, [n: number, generate: (n: number) => string]> = {
  'binary file (random bytes as UTF-8)': [16_000, (n) => binary(n * 10)],
  'nested $( closed': [8_000, (n) => `A = ${'$('.repeat(n)}x${')'.repeat(n)}\n`],
  'nested $( never closed': [6_000, (n) => `A = ${'${$(if a,'.repeat(n)}\n`],
  'unterminated define': [12_000, (n) => 'define X\n' + 'a $(b) c\n'.repeat(n)],
  'CRLF lines': [1_500, (n) => 'A = 1\r\nb: c\r\n\t$(CC) $<\r\n'.repeat(n)],
  'lone CR lines': [1_500, (n) => 'A = 1\rb: c\r\t$(CC) $<\r'.repeat(n)],
  'NUL bytes': [8_000, (n) => 'A\0 = \0$(\0)\n\0:\0\n'.repeat(n)],
  'invalid UTF-8': [
    6_000,
    (n) => Buffer.from([0xff, 0xc3, 0x28, 0x24, 0x28, 0xe2, 0x82, 0x0a]).toString('utf8').repeat(n),
  ],
  'one long line': [32_000, (n) => `all: ${'x '.repeat(n)}\n`],
  'targets on one rule': [16_000, (n) => `${Array.from({ length: n }, (_, i) => `t${i}`).join(' ')}: p\n`],
  'continuation lines': [12_000, (n) => `A = ${'$(x) \\\n'.repeat(n)}y\n`],
  'nested conditionals': [4_000, (n) => 'ifdef X\n'.repeat(n) + 'A = 1\n' + 'endif\n'.repeat(n)],
  'grammar-shaped Makefiles (fast-check sample)': [1, (n) => grammarSample.repeat(n * 2)],
};
