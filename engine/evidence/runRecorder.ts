// Records each make run of a rung (command, exit code, time) and saves its full output in the evidence folder.
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { MakeRunRecord } from '../probes/probeOptions';
import type { RecordedCommand, RungId } from './evidenceTypes';

/** Shell-style quoting for showing a command a person may paste; Makescope never executes it. */
export function quoteForDisplay(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

export class RunRecorder {
  private readonly writes: Promise<void>[] = [];

  constructor(
    private readonly make: string,
    private readonly outputDirectory: string | undefined,
  ) {}

  /** Returns the callback for one rung; its commands are appended to `commands`. */
  forRung(rung: RungId, commands: RecordedCommand[]): (run: MakeRunRecord) => void {
    return (run) => {
      const command = [this.make, ...run.args].map(quoteForDisplay).join(' ');
      // make -p is the resolved-state evidence: it gets a name a person looks for.
      const outputFile = this.outputDirectory
        ? rung === 'symptom' && commands.length === 0
          ? 'database.txt'
          : `${rung}-${commands.length + 1}.txt`
        : undefined;
      commands.push({
        command,
        cwd: run.directory,
        exitCode: run.result.exitCode,
        durationMs: Math.round(run.result.durationMs),
        outputFile,
        where: run.where,
      });
      if (!this.outputDirectory || !outputFile) return;
      const header = `$ cd ${quoteForDisplay(run.directory)} && ${command}${run.where === 'isolated' ? '   # ran isolated' : run.sandboxed ? '   # ran in a throwaway copy' : ''}\n# exit ${run.result.exitCode}, ${Math.round(run.result.durationMs)} ms\n\n`;
      const stderr = run.result.stderr ? `\n# stderr\n${run.result.stderr}` : '';
      this.writes.push(
        writeFile(path.join(this.outputDirectory, outputFile), header + run.result.stdout + stderr),
      );
    };
  }

  /** Waits until every output written so far is on disk. */
  async flush(): Promise<void> {
    await Promise.all(this.writes.splice(0));
  }
}
