/**
 * `npm run podpath -- <command> FILE ...`: the engine on the command line. Parse the arguments,
 * load the file, run the engine, format the result. main() takes its output streams as
 * arguments, so tests run it in-process.
 */
import { readFileSync, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import {
  buildCluster,
  allowedByName,
  allowedPairCount,
  computeReachability,
  ProbeError,
  resolveFromPod,
  runProbe,
  serviceEnv,
} from '../engine/index.ts';
import type { ClusterModel, PodModel, RecordType } from '../engine/index.ts';
import { parseIpv4, PROTOCOLS, type Protocol } from '../engine/net.ts';
import { parseHeaderLine } from '../engine/gateway/httpRequest.ts';
import type { Probe, ProbeHttp, Trace } from '../engine/trace.ts';
import {
  CliError,
  describeFlags,
  intFlag,
  parseArgs,
  stringFlag,
  stringsFlag,
  UsageError,
  type FlagSpecs,
  type ParsedArgs,
} from './args.ts';
import {
  dnsToJson,
  formatDns,
  formatEnv,
  formatMatrix,
  formatTrace,
  formatWarnings,
  traceToJson,
} from './format.ts';
import { lessonCommand, lessonsCommand } from './lessonCommands.ts';
import { exportCommand } from './exportCommand.ts';
import { loadScenario, type LoadedScenario } from './loadScenario.ts';
import { parseSource, parseTarget, podRef } from './refs.ts';
import { SETTINGS_FLAGS, settingsFromFlags } from './settingsFlags.ts';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Reads a file as text; the default reads from disk with a size limit. */
  readonly readFile?: (path: string) => string;
}

/** The largest file the CLI reads; the YAML importer applies the same limit. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** Reads a file for the CLI, refusing files over MAX_FILE_BYTES. */
export function readFromDisk(path: string): string {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(
      code === 'ENOENT' ? `${path}: no such file` : `${path}: ${(e as Error).message}`,
    );
  }
  if (size > MAX_FILE_BYTES) {
    throw new CliError(`${path}: the file is larger than 5 MB; PodPath does not read it.`);
  }
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new CliError(`${path}: ${(e as Error).message}`);
  }
}

const COMMON_FLAGS: FlagSpecs = {
  json: { type: 'boolean', help: 'print the result as JSON on stdout' },
  verbose: {
    type: 'boolean',
    help: 'also print the import notes (what was read, what was skipped)',
  },
  help: { type: 'boolean', help: 'show this help' },
  ...SETTINGS_FLAGS,
};

export interface Command {
  readonly usage: string;
  readonly summary: string;
  readonly details: string;
  readonly flags: FlagSpecs;
  /** The exit status, or a promise of it for a command that waits (export loads its schemas). */
  readonly run: (args: ParsedArgs, ctx: RunContext) => number | Promise<number>;
}

export interface RunContext {
  readonly io: CliIo;
  /** Loads FILE with the settings flags applied, printing import warnings to stderr. */
  readonly load: (file: string) => LoadedScenario;
  readonly readFile: (path: string) => string;
}

function protocolFlag(args: ParsedArgs): Protocol | undefined {
  const p = stringFlag(args.flags, 'protocol');
  if (p === undefined) return undefined;
  const upper = p.toUpperCase();
  if (!(PROTOCOLS as readonly string[]).includes(upper)) {
    throw new UsageError(`--protocol must be TCP, UDP or SCTP, not "${p}"`);
  }
  return upper as Protocol;
}

function build(spec: LoadedScenario['spec'], io: CliIo): ClusterModel {
  const model = buildCluster(spec);
  for (const d of model.diagnostics) {
    if (d.severity === 'note') continue;
    const about = d.ref
      ? `${d.ref.kind} ${d.ref.namespace ? `${d.ref.namespace}/` : ''}${d.ref.name}: `
      : '';
    io.stderr(`cluster ${d.severity}: ${about}${d.message}\n`);
  }
  return model;
}

/** A CliError for a pod the model lacks, listing the pods it has (names may be generated). */
function requirePod(
  model: ClusterModel,
  ref: { namespace: string; name: string },
  role = '',
): PodModel {
  const found = model.pods.find((p) => p.namespace === ref.namespace && p.name === ref.name);
  if (found) return found;
  const svc = model.services.find((x) => x.namespace === ref.namespace && x.name === ref.name);
  if (svc) {
    throw new CliError(
      `${ref.namespace}/${ref.name} is a Service, not a pod: name it ${ref.name}.${ref.namespace} (resolved by DNS)${svc.clusterIP ? ` or by its ClusterIP ${svc.clusterIP}` : ''}.`,
    );
  }
  const names = model.pods.map((p) => `${p.namespace}/${p.name}`);
  const shown = names.slice(0, 30).join(', ');
  const more = names.length > 30 ? `, and ${names.length - 30} more` : '';
  throw new CliError(
    `There is no pod ${ref.namespace}/${ref.name}${role}. The pods are: ${shown}${more}.`,
  );
}

function onePositional(args: ParsedArgs, what: string, count: number): readonly string[] {
  if (args.positionals.length !== count) {
    throw new UsageError(
      args.positionals.length < count
        ? `missing ${what}`
        : `unexpected argument "${args.positionals[count]}"`,
    );
  }
  return args.positionals;
}

const trace: Command = {
  usage:
    'trace FILE --from SOURCE --to TARGET [--port N] [--protocol TCP|UDP|SCTP] [--seed N] [--method M] [--header "Name: value"]... [--gateway ns/name] [--json]',
  summary: 'follow one packet and its reply hop by hop',
  details: `SOURCE is ns/pod, node/NAME, or ip:ADDRESS (an outside client; added when the file has none
with that address).
TARGET is ns/pod; a Service or other DNS name with an optional :PORT (resolved from the source,
as its resolver would; web:8080, kubernetes.default:443);
an address with an optional port (ClusterIP, pod IP, NodeIP:NodePort, load balancer IP);
node/NAME[:PORT]; an http(s)://host/path?query URL (through the Gateway that serves the host, or
the one --gateway names; else through the Ingress controller); or localhost:PORT.
--method and --header shape the HTTP request a URL sends (GET and no extra headers by default).
Without --from and --to, a scenario file replays the flow saved with it.
The JSON form has verdict, reason, summary, hops, reply, decisions (of every hop), deliveredTo
{pod, ip, port}, outside (for a flow that left the cluster: {ip, port, element, name}),
seenSource, ingress (the Ingress rule decision), http for a URL ({status,
gateway, route, rule, backend: {namespace, service, port} | null}; status null when the backend
pod answers, rule counted from 1) and lookup (the DNS lookup, in the same form).`,
  flags: {
    from: { type: 'string', value: 'SOURCE', help: 'where the packet starts' },
    to: { type: 'string', value: 'TARGET', help: 'where it goes' },
    port: {
      type: 'string',
      value: 'N',
      help: 'destination port (default: the target’s first port, or 80)',
    },
    protocol: { type: 'string', value: 'P', help: 'TCP (default), UDP or SCTP' },
    seed: {
      type: 'string',
      value: 'N',
      help: 'seed for load-balancing choices and source ports (default 1)',
    },
    method: { type: 'string', value: 'M', help: 'HTTP method of a URL target (default GET)' },
    header: {
      type: 'strings',
      value: '"Name: value"',
      help: 'an HTTP header of a URL target; repeat for more',
    },
    gateway: {
      type: 'string',
      value: 'ns/name',
      help: 'the Gateway a URL target goes through (default: the one serving the host)',
    },
    ...COMMON_FLAGS,
  },
  run(args, { io, load }) {
    const [file] = onePositional(args, 'FILE', 1);
    const fromText = stringFlag(args.flags, 'from');
    const toText = stringFlag(args.flags, 'to');
    let port = intFlag(args.flags, 'port', 1, 65535);
    const protocol = protocolFlag(args);
    const seed = intFlag(args.flags, 'seed', 0, 0xffffffff);
    const loaded = load(file);

    // Without --from and --to, a scenario file replays the flow it was saved with.
    if (!fromText && !toText && loaded.flow) {
      const flow = loaded.flow;
      const probe: Probe = {
        ...flow,
        ...(port !== undefined ? { port } : {}),
        ...(protocol ? { protocol } : {}),
        ...(seed !== undefined ? { seed } : {}),
      };
      printTrace(io, args, runProbe(build(loaded.spec, io), probe));
      return 0;
    }
    if (!fromText) throw new UsageError('missing --from SOURCE');
    if (!toText) throw new UsageError('missing --to TARGET');
    const from = parseSource(fromText, loaded.spec);
    const spec = from.newClient
      ? {
          ...loaded.spec,
          externalClients: [...(loaded.spec.externalClients ?? []), from.newClient],
        }
      : loaded.spec;
    const model = build(spec, io);
    if (from.source.kind === 'pod') requirePod(model, from.source, ' to send from');
    const to = parseTarget(toText, (name) => model.nodes.find((n) => n.name === name)?.ip);
    if (to.target.kind === 'pod') requirePod(model, to.target);
    if (to.port !== undefined) {
      if (port !== undefined && port !== to.port) {
        throw new UsageError(`--port ${port} contradicts the port in ${toText}`);
      }
      port = to.port;
    }
    if (to.target.kind === 'url' && port !== undefined) {
      throw new UsageError('give the port inside the URL (http://host:8080/path), not with --port');
    }
    const http = httpFlags(args);
    if (http && to.target.kind !== 'url') {
      throw new UsageError('--method, --header and --gateway go with an http(s):// URL target');
    }
    const probe: Probe = {
      from: from.source,
      to: to.target,
      ...(port !== undefined ? { port } : {}),
      ...(protocol ? { protocol } : {}),
      seed: seed ?? 1,
      ...(http ? { http } : {}),
    };
    printTrace(io, args, runProbe(model, probe));
    return 0;
  },
};

/** The HTTP part of a URL probe from --method, --header and --gateway; undefined when none. */
function httpFlags(args: ParsedArgs): ProbeHttp | undefined {
  const method = stringFlag(args.flags, 'method');
  const gateway = stringFlag(args.flags, 'gateway');
  const lines = stringsFlag(args.flags, 'header');
  if (method === undefined && gateway === undefined && lines.length === 0) return undefined;
  if (method !== undefined && !/^[A-Za-z]{1,16}$/.test(method)) {
    throw new UsageError(`--method must be an HTTP method such as GET or POST, not "${method}"`);
  }
  const headers = lines.map((line) => {
    const h = parseHeaderLine(line);
    if (!h) throw new UsageError(`--header must be "Name: value", not "${line}"`);
    return h;
  });
  return {
    ...(method !== undefined ? { method: method.toUpperCase() } : {}),
    ...(headers.length > 0 ? { headers } : {}),
    ...(gateway !== undefined ? { gateway } : {}),
  };
}

function printTrace(io: CliIo, args: ParsedArgs, result: Trace): void {
  io.stdout(
    args.flags.json ? `${JSON.stringify(traceToJson(result), null, 2)}\n` : formatTrace(result),
  );
}

function ptrName(text: string): string {
  const ip = parseIpv4(text);
  return ip ? `${ip.split('.').reverse().join('.')}.in-addr.arpa` : text;
}

const RECORD_TYPES = ['A', 'AAAA', 'SRV', 'CNAME', 'PTR', 'TXT'] as const;

const dns: Command = {
  usage: 'dns FILE --from ns/pod NAME [--type A|AAAA|SRV|CNAME|PTR|TXT] [--json]',
  summary: 'resolve a name as a pod’s resolver would (its dnsPolicy, search list, ndots)',
  details: `For PTR, NAME may be an address (10.96.0.10) or an in-addr.arpa name.
The JSON form is {rcode, answers: [{name, type, data}], tried: [{name, rcode}]}.`,
  flags: {
    from: { type: 'string', value: 'ns/pod', help: 'the pod whose resolver asks' },
    type: { type: 'string', value: 'TYPE', help: 'A (default), AAAA, SRV, CNAME or PTR' },
    ...COMMON_FLAGS,
  },
  run(args, { io, load }) {
    const [file, name] = onePositional(args, args.positionals.length === 0 ? 'FILE' : 'NAME', 2);
    const fromText = stringFlag(args.flags, 'from');
    if (!fromText) throw new UsageError('missing --from ns/pod');
    const typeText = (stringFlag(args.flags, 'type') ?? 'A').toUpperCase();
    if (!(RECORD_TYPES as readonly string[]).includes(typeText)) {
      throw new UsageError(`--type must be one of ${RECORD_TYPES.join(', ')}, not "${typeText}"`);
    }
    const type = typeText as RecordType;
    const ref = podRef(fromText, '--from');
    const model = build(load(file).spec, io);
    const from = requirePod(model, ref);
    const question = type === 'PTR' ? ptrName(name) : name;
    const result = resolveFromPod(model, from, question, type);
    io.stdout(
      args.flags.json
        ? `${JSON.stringify(dnsToJson(result), null, 2)}\n`
        : formatDns(result, { from: `${ref.namespace}/${ref.name}`, name: question, type }),
    );
    return 0;
  },
};

const matrix: Command = {
  usage: 'matrix FILE --port N [--protocol TCP|UDP|SCTP] [--json]',
  summary: 'which pod may open a connection to which, under the NetworkPolicies',
  details: `A new connection needs egress allowed at the source and ingress allowed at the
destination; a CNI that does not enforce NetworkPolicy (Flannel) allows everything. On Cilium,
its own policies count too, and L7 marks a connection Cilium's Envoy checks request by request.
The JSON form is {pods: ["ns/name", ...], allowed: {"ns/a": {"ns/b": true, ...}, ...}}, with
l7: {"ns/a": {"ns/b": true}} when Cilium HTTP rules apply.`,
  flags: {
    port: { type: 'string', value: 'N', help: 'destination port (required)' },
    protocol: { type: 'string', value: 'P', help: 'TCP (default), UDP or SCTP' },
    ...COMMON_FLAGS,
  },
  run(args, { io, load }) {
    const [file] = onePositional(args, 'FILE', 1);
    const port = intFlag(args.flags, 'port', 1, 65535);
    if (port === undefined) throw new UsageError('missing --port N');
    const protocol = protocolFlag(args) ?? 'TCP';
    const model = build(load(file).spec, io);
    const result = computeReachability(model, { port, protocol });
    const json = {
      pods: result.pods,
      allowed: allowedByName(result),
      ...(result.l7 && Object.keys(result.l7).length > 0 ? { l7: result.l7 } : {}),
    };
    io.stdout(
      args.flags.json
        ? `${JSON.stringify(json, null, 2)}\n`
        : formatMatrix(json, port, protocol, allowedPairCount(result)),
    );
    return 0;
  },
};

const env: Command = {
  usage: 'env FILE ns/pod [--json]',
  summary: 'the Service environment variables the kubelet gives the pod’s containers',
  details: `For each Service with a ClusterIP in the pod's namespace (and the kubernetes Service):
{NAME}_SERVICE_HOST, {NAME}_SERVICE_PORT and the docker-link style {NAME}_PORT... variables.
The JSON form is [[NAME, value], ...] in the kubelet's order.`,
  flags: { ...COMMON_FLAGS },
  run(args, { io, load }) {
    const [file, podText] = onePositional(
      args,
      args.positionals.length === 0 ? 'FILE' : 'ns/pod',
      2,
    );
    const ref = podRef(podText, 'pod');
    const model = build(load(file).spec, io);
    requirePod(model, ref);
    const vars = serviceEnv(model, ref);
    io.stdout(args.flags.json ? `${JSON.stringify(vars)}\n` : formatEnv(vars));
    return 0;
  },
};

export const COMMANDS: Readonly<Record<string, Command>> = {
  trace,
  matrix,
  dns,
  env,
  lessons: lessonsCommand,
  lesson: lessonCommand,
  export: exportCommand,
};

function commandHelp(c: Command): string {
  return `Usage: podpath ${c.usage}\n\n${c.summary[0].toUpperCase()}${c.summary.slice(1)}.\n\n${c.details}\n\nOptions:\n${describeFlags(c.flags)}\n`;
}

export function mainHelp(): string {
  const names = Object.keys(COMMANDS);
  const width = Math.max(...names.map((n) => n.length));
  return `Usage: podpath <command> FILE [options]

PodPath's simulation engine on the command line. FILE is Kubernetes YAML (manifests, or a
\`kubectl get -o yaml\` dump; JSON too) or a PodPath scenario (.json), told apart by content.

Commands:
${names.map((n) => `  ${n.padEnd(width)}  ${COMMANDS[n].summary}`).join('\n')}

Every command takes --json, --verbose, and the cluster settings, which win over the file's:
${describeFlags(SETTINGS_FLAGS)}

Run podpath <command> --help for its options. Exit status: 0 done, 1 failed, 2 wrong usage
(lesson check: 4 when a scenario does not pass).
`;
}

/** Runs the command line; returns the exit status (a promise of it for a command that waits). */
export function main(argv: readonly string[], io: CliIo): number | Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(mainHelp());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`podpath: unknown command "${name}"\n\n${mainHelp()}`);
    return 2;
  }
  const failed = (e: unknown): number => {
    if (e instanceof UsageError) {
      io.stderr(
        `podpath ${name}: ${e.message}\nUsage: podpath ${command.usage}\nRun podpath ${name} --help for more.\n`,
      );
      return 2;
    }
    if (e instanceof CliError || e instanceof ProbeError) {
      io.stderr(`podpath ${name}: ${e.message}\n`);
      return 1;
    }
    throw e;
  };
  try {
    const args = parseArgs(rest, command.flags);
    if (args.flags.help) {
      io.stdout(commandHelp(command));
      return 0;
    }
    const overrides = settingsFromFlags(args.flags);
    const readFile = io.readFile ?? readFromDisk;
    const load = (file: string) => {
      const loaded = loadScenario(readFile(file), file, overrides);
      const warnings = formatWarnings(file, loaded.warnings, args.flags.verbose === true);
      if (warnings) io.stderr(warnings);
      return loaded;
    };
    const status = command.run(args, { io, load, readFile });
    return typeof status === 'number' ? status : status.catch(failed);
  } catch (e) {
    return failed(e);
  }
}

const isEntry =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isEntry) {
  void Promise.resolve(
    main(process.argv.slice(2), {
      stdout: (t) => process.stdout.write(t),
      stderr: (t) => process.stderr.write(t),
    }),
  ).then((status) => {
    process.exitCode = status;
  });
}
