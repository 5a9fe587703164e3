// Generates real Makefiles with cmake, automake and node-gyp from the inputs in test/fixtures/corpus-inputs.
import { existsSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runProcess } from '../../engine/probes/exec';

export const repoRoot = path.resolve(__dirname, '..', '..');
const inputs = path.join(repoRoot, 'test', 'fixtures', 'corpus-inputs');

export interface GeneratedProject {
  name: string;
  /** The folder holding the generated Makefiles (a temporary copy; remove it when done). */
  dir: string;
}

async function run(file: string, args: string[], cwd: string, what: string): Promise<void> {
  const result = await runProcess({ file, args, cwd, timeoutMs: 180_000, maxOutputBytes: 16 * 1024 * 1024 });
  if (result.outcome === 'spawn-error') {
    throw new Error(
      `${what}: '${file}' is not installed. Install it with: sudo apt-get install -y ${packageFor(file)}`,
    );
  }
  if (result.outcome !== 'exited' || result.exitCode !== 0) {
    throw new Error(
      `${what} failed (${result.message ?? `exit ${result.exitCode}`}):\n${result.stderr.slice(-2000)}`,
    );
  }
}

function packageFor(tool: string): string {
  return tool === 'autoreconf' ? 'autoconf automake' : tool === 'cmake' ? 'cmake' : tool;
}

async function copyInput(name: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `makescope-corpus-${name}-`));
  await fs.cp(path.join(inputs, name), dir, { recursive: true });
  return dir;
}

export async function generateCmake(): Promise<GeneratedProject> {
  const dir = await copyInput('cmake');
  await run('cmake', ['-S', '.', '-B', 'build', '-G', 'Unix Makefiles'], dir, 'cmake');
  return { name: 'cmake', dir: path.join(dir, 'build') };
}

export async function generateAutomake(): Promise<GeneratedProject> {
  const dir = await copyInput('automake');
  await run('autoreconf', ['-i'], dir, 'autoreconf');
  await run(path.join(dir, 'configure'), [], dir, 'configure');
  return { name: 'automake', dir };
}

export async function generateGyp(): Promise<GeneratedProject> {
  const dir = await copyInput('gyp');
  const nodeGyp = path.join(
    path.dirname(process.execPath),
    '..',
    'lib',
    'node_modules',
    'npm',
    'node_modules',
    'node-gyp',
    'bin',
    'node-gyp.js',
  );
  if (!existsSync(nodeGyp))
    throw new Error(`node-gyp not found at ${nodeGyp}: it ships with npm; reinstall Node.js 20 with npm.`);
  // The headers of the running Node are used, so nothing is downloaded.
  const nodedir = path.resolve(path.dirname(process.execPath), '..');
  await run(process.execPath, [nodeGyp, 'configure', `--nodedir=${nodedir}`], dir, 'node-gyp configure');
  return { name: 'gyp', dir: path.join(dir, 'build') };
}

export async function removeProject(project: GeneratedProject): Promise<void> {
  const top = project.dir.endsWith(`${path.sep}build`) ? path.dirname(project.dir) : project.dir;
  await fs.rm(top, { recursive: true, force: true });
}
