// The frame every SARIF 2.1.0 log of Makescope shares (evidence, audit, lint): one run, the tool and its rules,
// PROJECTROOT as the base of relative locations. Each report fills in its own rules and results.
import { pathToFileURL } from 'node:url';
import type { Invocation, Log, ReportingDescriptor, Result } from 'sarif';
import { PRODUCT_NAME, PRODUCT_VERSION } from '../version';

export interface SarifRun {
  /** The folder relative locations start from. */
  directory: string;
  rules: ReportingDescriptor[];
  results: Result[];
  invocations?: Invocation[];
  properties?: Record<string, unknown>;
  tool?: { name: string; version: string };
}

export function sarifLog(run: SarifRun): Log {
  const tool = run.tool ?? { name: PRODUCT_NAME, version: PRODUCT_VERSION };
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            informationUri: 'https://github.com/makescope/makescope',
            rules: run.rules,
          },
        },
        originalUriBaseIds: { PROJECTROOT: { uri: `${pathToFileURL(run.directory).toString()}/` } },
        ...(run.invocations ? { invocations: run.invocations } : {}),
        results: run.results,
        ...(run.properties ? { properties: run.properties } : {}),
      },
    ],
  };
}
