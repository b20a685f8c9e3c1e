/**
 * A small command-line parser: `--name value`, `--name=value`, boolean `--flag`, `-h`, and `--`
 * to end the options. Unknown options and missing values are usage errors, never guesses.
 */

/** A mistake in how the command was called; main prints it with a hint and exits with 2. */
export class UsageError extends Error {}

/** A failure while running a well-formed command (missing file, unknown pod); exit 1. */
export class CliError extends Error {}

/** `strings` may be given many times; its values are kept in order. */
export type FlagType = 'string' | 'boolean' | 'strings';

export interface FlagSpec {
  readonly type: FlagType;
  /** Shown in --help: `N` for `--port N`. */
  readonly value?: string;
  readonly help: string;
}

export type FlagSpecs = Readonly<Record<string, FlagSpec>>;

export interface ParsedArgs {
  readonly positionals: readonly string[];
  readonly flags: Readonly<Record<string, string | boolean | readonly string[] | undefined>>;
}

export function parseArgs(argv: readonly string[], specs: FlagSpecs): ParsedArgs {
  const positionals: string[] = [];
  const flags: Record<string, string | boolean | string[]> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h') {
      flags.help = true;
      continue;
    }
    if (!arg.startsWith('--') || arg === '-') {
      if (arg.startsWith('-') && arg.length > 1 && !/^-\d/.test(arg)) {
        throw new UsageError(`unknown option ${arg} (options are written --name)`);
      }
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    const spec = specs[name];
    if (!spec) throw new UsageError(`unknown option --${name}`);
    if (spec.type === 'boolean') {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      flags[name] = true;
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      if (value === undefined || (value.startsWith('--') && value.length > 2)) {
        throw new UsageError(`--${name} needs a value${spec.value ? ` (${spec.value})` : ''}`);
      }
      i++;
    }
    if (spec.type === 'strings') {
      const list = flags[name];
      flags[name] = Array.isArray(list) ? [...list, value] : [value];
    } else flags[name] = value;
  }
  return { positionals, flags };
}

/** A whole number in a range, or a usage error naming the option. */
export function intFlag(
  flags: ParsedArgs['flags'],
  name: string,
  min: number,
  max: number,
): number | undefined {
  const v = flags[name];
  if (typeof v !== 'string') return undefined;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not "${v}"`);
  }
  return Number(v);
}

export function stringFlag(flags: ParsedArgs['flags'], name: string): string | undefined {
  const v = flags[name];
  return typeof v === 'string' ? v : undefined;
}

/** Every value of a repeatable option, in order. */
export function stringsFlag(flags: ParsedArgs['flags'], name: string): readonly string[] {
  const v = flags[name];
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
}

/** The options block of a --help text, aligned. */
export function describeFlags(specs: FlagSpecs): string {
  const rows = Object.entries(specs).map(([name, s]) => [
    `--${name}${s.value ? ` ${s.value}` : ''}`,
    s.help,
  ]);
  const width = Math.max(...rows.map((r) => r[0].length));
  return rows.map(([a, b]) => `  ${a.padEnd(width)}  ${b}`).join('\n');
}
