/**
 * `podpath export FILE [--format manifests|snapshot|scenario]`: the file as PodPath's Export menu
 * would give it, on stdout. Manifests are checked against the Kubernetes OpenAPI schemas first,
 * and not printed when an object fails them.
 */
import { wrapScenario } from '../scenario/envelope.ts';
import {
  exportClusterSnapshot,
  exportManifests,
  toManifestObjects,
} from '../scenario/kubeYaml/index.ts';
import { validateManifests } from '../scenario/kubeYaml/validateManifests.ts';
import { CliError, stringFlag, UsageError } from './args.ts';
import type { Command } from './main.ts';
import { SETTINGS_FLAGS } from './settingsFlags.ts';

export const EXPORT_FORMATS = ['manifests', 'snapshot', 'scenario'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const exportCommand: Command = {
  usage: 'export FILE [--format manifests|snapshot|scenario]',
  summary: 'write the file out as manifests, a cluster snapshot or a PodPath scenario',
  details: `manifests (the default): what you would kubectl apply. Workloads as their Deployment,
StatefulSet, DaemonSet or ReplicaSet, the fields and annotations of the objects read kept as they
were, no nodes, node pins or addresses; checked against the Kubernetes OpenAPI schemas first.
snapshot: everything PodPath knows (nodes, addresses, status), to import again.
scenario: a PodPath scenario file (.json), as the Scenario menu's Export scenario file writes it.`,
  flags: {
    format: {
      type: 'string',
      value: 'FORMAT',
      help: 'manifests (default), snapshot or scenario',
    },
    verbose: {
      type: 'boolean',
      help: 'also print the import notes (what was read, what was skipped)',
    },
    help: { type: 'boolean', help: 'show this help' },
    ...SETTINGS_FLAGS,
  },
  async run(args, { io, load }) {
    if (args.positionals.length !== 1) {
      throw new UsageError(
        args.positionals.length === 0
          ? 'missing FILE'
          : `unexpected argument "${args.positionals[1]}"`,
      );
    }
    const [file] = args.positionals;
    const formatText = stringFlag(args.flags, 'format') ?? 'manifests';
    if (!(EXPORT_FORMATS as readonly string[]).includes(formatText)) {
      throw new UsageError(`--format must be ${EXPORT_FORMATS.join(', ')}, not "${formatText}"`);
    }
    const format = formatText as ExportFormat;
    const loaded = load(file);
    const title = loaded.title ?? titleFromFile(file);
    if (format === 'scenario') {
      const scenario = {
        title,
        cluster: loaded.spec,
        layout: loaded.layout ?? {},
        ...(loaded.flow ? { flow: loaded.flow } : {}),
      };
      io.stdout(`${JSON.stringify(wrapScenario(scenario), null, 2)}\n`);
      return 0;
    }
    if (format === 'snapshot') {
      io.stdout(exportClusterSnapshot(loaded.spec, { title }));
      return 0;
    }
    const problems = await validateManifests(toManifestObjects(loaded.spec));
    if (problems.length > 0) {
      throw new CliError(
        [
          'the manifests do not pass the Kubernetes OpenAPI schemas, so none were written:',
          ...problems.map((p) => `  ${p.object}: ${p.message}`),
        ].join('\n'),
      );
    }
    io.stdout(exportManifests(loaded.spec, { title }));
    return 0;
  },
};

/** `deploy/shop.yaml` → `shop`. */
function titleFromFile(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.(ya?ml|json)$/i, '') || 'scenario';
}
