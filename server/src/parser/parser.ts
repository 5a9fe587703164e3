// Text -> ParsedMakefile. Placeholder until the real parser lands; never throws.
import type { ParsedMakefile } from './ast';

export function parseMakefile(text: string): ParsedMakefile {
  let lineCount = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineCount++;
  return { statements: [], references: [], comments: [], problems: [], lineCount, recipePrefix: '\t' };
}
