// How make's values of an automatic variable read for the rule at hand: in the hover, and short for inlay hints.
import {
  AUTOMATIC_NAMES,
  type AutomaticName,
  type RuleInstance,
} from '../../../engine/probes/automaticVariables';

const MAX_EXAMPLES = 5;
const MAX_SHORT_CHARS = 60;

export function isAutomaticName(name: string): name is AutomaticName {
  return (AUTOMATIC_NAMES as readonly string[]).includes(name);
}

/** The hover's section: the value for each target built by the rule ("for N targets, e.g. …" for a pattern rule). */
export function automaticValuesText(name: string, instances: readonly RuleInstance[]): string | undefined {
  if (!isAutomaticName(name)) return undefined;
  if (instances.length === 0) {
    return "make's database lists no target built by this rule (make did not need it for the default goal).";
  }
  const shown = (instance: RuleInstance): string => {
    const value = instance.values[name];
    if (value === undefined) return `not known (make did not check \`${instance.target}\`)`;
    return value === '' ? '(empty)' : `\`${value}\``;
  };
  if (instances.length === 1) return `make's value for \`${instances[0].target}\`: ${shown(instances[0])}`;
  const examples = instances
    .slice(0, MAX_EXAMPLES)
    .map((instance) => `- \`${instance.target}\`: ${shown(instance)}`);
  const more = instances.length > MAX_EXAMPLES ? [`- … and ${instances.length - MAX_EXAMPLES} more`] : [];
  return [`make's values for ${instances.length} targets, e.g.:`, ...examples, ...more].join('\n');
}

/** The inlay hint's label: the one value, or the first instance's with how many there are. */
export function automaticValueLabel(name: string, instances: readonly RuleInstance[]): string | undefined {
  if (!isAutomaticName(name) || instances.length === 0) return undefined;
  const value = instances[0].values[name];
  if (value === undefined) return undefined;
  const shown = value.length > MAX_SHORT_CHARS ? `${value.slice(0, MAX_SHORT_CHARS)}…` : value;
  return instances.length === 1 ? `= ${shown}` : `= ${shown} (1 of ${instances.length})`;
}
