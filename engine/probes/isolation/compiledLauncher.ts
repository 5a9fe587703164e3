// Which namespace launcher the isolated runs start: the compiled one where the machine's cc builds it, else Perl.
import { compiledHelper, type HelperSpec } from '../compiledHelper';
import { COMPILED_LAUNCHER_SOURCE } from './compiledLauncherSource';

export const LAUNCHER_SPEC: HelperSpec = {
  name: 'namespace-launcher',
  extension: '',
  source: COMPILED_LAUNCHER_SOURCE,
  flags: ['-O2'],
};

/**
 * The compiled launcher's path, or undefined for the Perl one (no compiler, no cache folder, or
 * MAKESCOPE_LAUNCHER=perl, which the tests use to run both).
 */
export async function compiledLauncher(signal?: AbortSignal): Promise<string | undefined> {
  if (process.env.MAKESCOPE_LAUNCHER === 'perl') return undefined;
  const built = await compiledHelper(LAUNCHER_SPEC, signal);
  return built.ok ? built.file : undefined;
}
