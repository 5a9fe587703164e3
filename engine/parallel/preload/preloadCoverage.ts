// What the preloaded recorder could not see: programs a recorded process became or started (its intents) that never
// reported themselves, because they ran without the library (static, setuid, an emptied environment).
import { unquote } from '../straceAccessParser';

const INTENT = /^(\d+) (exec|spawn)\((".*")\) = (-?\d+)/;
const REPORT = /^(\d+) execve\(/;

export class UnrecordedPrograms {
  /** Process id -> the program it is to run, until that process reports itself or the exec fails. */
  private readonly expected = new Map<number, string>();
  /** Processes that reported themselves: a child can report before its parent writes that it started it. */
  private readonly reported = new Set<number>();

  line(line: string): void {
    const report = REPORT.exec(line);
    if (report) {
      const pid = Number(report[1]);
      this.expected.delete(pid);
      this.reported.add(pid);
      return;
    }
    const intent = INTENT.exec(line);
    if (!intent) return;
    const [, pid, call, quoted, result] = intent;
    const program = unquote(quoted) ?? quoted;
    // exec: written before the call ("= 0") and again if it returned ("= -1"), so its report always comes
    // after it. spawn: written once the child runs, which may have reported already (a pid the system gave
    // out twice in one build could hide a child here: so rare it is left).
    if (call === 'spawn') {
      const child = Number(result);
      if (child > 0 && !this.reported.has(child)) this.expected.set(child, program);
    } else if (Number(result) === 0) this.expected.set(Number(pid), program);
    else this.expected.delete(Number(pid));
  }

  /** The programs that ran unrecorded, each once, in the order they were started. */
  finish(): string[] {
    return [...new Set(this.expected.values())];
  }
}
