// The tests of MS202 need shellcheck: without it they fail saying how to install it (never skip).
import { execFileSync } from 'node:child_process';

export function requireShellcheck(): void {
  try {
    execFileSync('shellcheck', ['--version'], { stdio: 'ignore', timeout: 10_000 });
  } catch {
    throw new Error(
      'shellcheck is missing: sudo apt-get install shellcheck (MS202 checks recipes with it; npm start installs it)',
    );
  }
}
