/**
 * Where to send a packet from and to. A pod, a node or a client outside the cluster can send;
 * the destination can be a Service (by name from a pod, by ClusterIP from a node or outside), a
 * pod, a node's IP and nodePort, an outside service, a load balancer, an Ingress URL, localhost,
 * or any address or URL typed in. Send traces one packet; "20 at once" sends the same flow with seeds 1..20.
 */
import { useId, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Probe, ProbeSource } from '../engine/trace.ts';
import {
  ProbeTextError,
  readTargetText,
  writeSourceText,
  writeTargetText,
  type TargetText,
} from '../scenario/document/probeText.ts';
import { appStore, useAppStore, useAppValues } from '../store/appStore.ts';
import { holdForPrediction } from '../store/sendFlowOnScreen.ts';
import { BATCH_SIZE } from '../store/runsSlice.ts';
import {
  selectActiveProbe,
  selectBatch,
  selectDocument,
  selectFlow,
  selectIsRunning,
  selectModel,
  selectPlaybackControls,
  selectSendProbe,
} from '../store/selectors.ts';
import type { ModelSummary, ScenarioDocument, ServiceSummary } from '../store/viewTypes.ts';

interface Choice {
  /** The option's value: probe text for most, a stable key for a Service and an outside client. */
  readonly value: string;
  readonly label: string;
  /** The port this destination listens on, filled into the Port field. */
  readonly port?: number;
  readonly disabled?: boolean;
}

interface SourceChoice extends Choice {
  readonly source: ProbeSource;
}

interface DestinationChoice extends Choice {
  /** Where the packet goes from the chosen source (a port here fixes the Port field); null: typed. */
  readonly to: TargetText | null;
}

interface ChoiceGroup<C extends Choice> {
  readonly label: string;
  readonly choices: readonly C[];
}

const CUSTOM = 'custom…';
const SERVICE = 'svc:';

const clientValue = (name: string) => `client:${name}`;

function sourceValue(from: ProbeSource): string {
  return from.kind === 'external' ? clientValue(from.name) : writeSourceText(from);
}

/** What a person typed, read as the command line reads it; the message says what is wrong. */
function readTyped(text: string, model: ModelSummary | null): TargetText | string {
  const t = text.trim();
  if (!t) return 'Type an address, a name or a URL.';
  try {
    return readTargetText(t, (name) => model?.nodes.find((n) => n.name === name)?.ip);
  } catch (error) {
    if (error instanceof ProbeTextError) return error.message;
    throw error;
  }
}

function sourceGroups(model: ModelSummary | null): ChoiceGroup<SourceChoice>[] {
  if (!model) return [];
  const choice = (source: ProbeSource, label: string): SourceChoice => ({
    value: sourceValue(source),
    label,
    source,
  });
  return [
    {
      label: 'Pods',
      choices: model.pods
        .filter((p) => !p.system)
        .map((p) =>
          choice({ kind: 'pod', namespace: p.namespace, name: p.name }, `${p.name} — ${p.ip}`),
        ),
    },
    {
      label: 'Nodes',
      choices: model.nodes.map((n) =>
        choice({ kind: 'node', name: n.name }, `${n.name} (node) — ${n.ip}`),
      ),
    },
    {
      label: 'Outside the cluster',
      choices: model.externalClients.map((c) =>
        choice({ kind: 'external', name: c.name }, `${c.name} (outside) — ${c.ip}`),
      ),
    },
  ].filter((g) => g.choices.length > 0);
}

/** A destination whose value is its probe text; `port` only fills the Port field in. */
function targetChoice(to: TargetText, label: string, port = to.port): DestinationChoice {
  return { value: writeTargetText(to.target, to.port), label, to, port };
}

function ingressUrls(document: ScenarioDocument, model: ModelSummary): DestinationChoice[] {
  const controller = model.services.find(
    (s) => s.system && s.type === 'LoadBalancer' && s.loadBalancerIP,
  );
  const urls = new Set<string>();
  for (const ingress of document.cluster.ingresses ?? []) {
    const tlsHosts = new Set((ingress.tls ?? []).flatMap((t) => t.hosts));
    for (const rule of ingress.rules) {
      const host = rule.host?.replace(/^\*\./, 'www.') ?? controller?.loadBalancerIP;
      if (!host) continue;
      const scheme = rule.host && tlsHosts.has(rule.host) ? 'https' : 'http';
      for (const path of rule.paths) urls.add(`${scheme}://${host}${path.path ?? '/'}`);
    }
  }
  return [...urls].map((url) => targetChoice({ target: { kind: 'url', url } }, url));
}

function serviceLabel(s: ServiceSummary): string {
  if (s.type === 'ExternalName') return `${s.name} (ExternalName)`;
  if (s.headless) return `${s.name} (headless)`;
  return `${s.name} — ${s.clusterIP}`;
}

/** A Service as the source reaches it: by name from a pod, by ClusterIP from elsewhere. */
function serviceChoice(s: ServiceSummary, source: ProbeSource | null): DestinationChoice {
  const fromPod = source?.kind === 'pod';
  const name = fromPod && s.namespace !== source.namespace ? `${s.name}.${s.namespace}` : s.name;
  const ip = s.clusterIP;
  return {
    value: `${SERVICE}${s.namespace}/${s.name}`,
    label: serviceLabel(s),
    port: s.ports[0]?.port,
    to: { target: fromPod || !ip ? { kind: 'name', name } : { kind: 'ip', ip } },
    // Only pods resolve names; from elsewhere a Service needs its ClusterIP.
    disabled: !fromPod && !ip,
  };
}

const ipPort = (ip: string, port: number): TargetText => ({ target: { kind: 'ip', ip }, port });

function destinationGroups(
  model: ModelSummary | null,
  document: ScenarioDocument,
  source: ProbeSource | null,
): ChoiceGroup<DestinationChoice>[] {
  if (!model) return [];
  const fromPod = source?.kind === 'pod';
  const services = model.services.filter((s) => !s.system);
  const nodePorts: DestinationChoice[] = [];
  const balancers: DestinationChoice[] = [];
  for (const s of services) {
    for (const p of s.ports) {
      if (p.nodePort !== undefined) {
        for (const n of model.nodes) {
          nodePorts.push(
            targetChoice(
              ipPort(n.ip, p.nodePort),
              `${s.name} NodePort on ${n.name} — ${n.ip}:${p.nodePort}`,
            ),
          );
        }
      }
      if (s.loadBalancerIP) {
        balancers.push(
          targetChoice(
            ipPort(s.loadBalancerIP, p.port),
            `${s.name} load balancer — ${s.loadBalancerIP}:${p.port}`,
          ),
        );
      }
    }
  }
  return [
    { label: 'Services', choices: services.map((s) => serviceChoice(s, source)) },
    {
      label: 'Pods',
      choices: model.pods
        .filter((p) => !p.system)
        .map((p) =>
          targetChoice(
            { target: { kind: 'pod', namespace: p.namespace, name: p.name } },
            `${p.name} — ${p.ip}`,
            p.containers.flatMap((c) => c.ports ?? [])[0]?.containerPort,
          ),
        ),
    },
    { label: 'Node IP and nodePort', choices: nodePorts },
    { label: 'Outside the cluster', choices: outsideServices(model, fromPod) },
    { label: 'Load balancers', choices: balancers },
    { label: 'Ingress URLs', choices: ingressUrls(document, model) },
    {
      label: 'Other',
      choices: [
        ...(fromPod
          ? [targetChoice({ target: { kind: 'localhost' } }, 'localhost (same pod)')]
          : []),
        { value: CUSTOM, label: 'Address or URL…', to: null },
      ],
    },
  ].filter((g) => g.choices.length > 0);
}

/** Outside services: by DNS name from a pod, and by address and each port they serve. */
function outsideServices(model: ModelSummary, fromPod: boolean): DestinationChoice[] {
  return model.externalClients
    .filter((c) => c.ports || c.hostname)
    .flatMap((c) => [
      ...(fromPod && c.hostname
        ? [
            targetChoice(
              { target: { kind: 'name', name: c.hostname } },
              `${c.name} — ${c.hostname}`,
              c.ports?.[0],
            ),
          ]
        : []),
      ...(c.ports && c.ports.length > 0
        ? c.ports.map((port) =>
            targetChoice(ipPort(c.ip, port), `${c.name} (outside) — ${c.ip}:${port}`),
          )
        : [targetChoice({ target: { kind: 'ip', ip: c.ip } }, `${c.name} (outside) — ${c.ip}`)]),
    ]);
}

/** The option a saved flow's target corresponds to, when there is one. */
function initialDestination(flow: Probe | undefined, model: ModelSummary | null): string {
  if (!flow) return '';
  const to = flow.to;
  if (to.kind === 'name') return serviceOfName(to.name, flow.from, model) ?? to.name;
  return writeTargetText(to, to.kind === 'ip' ? flow.port : undefined);
}

/** The Service option for a short Service name (`web`, `web.shop`) as a pod would call it. */
function serviceOfName(
  name: string,
  source: ProbeSource | null,
  model: ModelSummary | null,
): string | null {
  const parts = name.split('.');
  if (parts.length > 2 || !model) return null;
  const namespace = parts[1] ?? (source?.kind === 'pod' ? source.namespace : 'default');
  const svc = model.services.find((s) => s.name === parts[0] && s.namespace === namespace);
  return svc ? `${SERVICE}${svc.namespace}/${svc.name}` : null;
}

/** A destination value no option has (a saved flow's): its probe text read back. */
function unlistedDestination(value: string): TargetText | null {
  if (value.startsWith(SERVICE)) return null;
  try {
    return readTargetText(value, () => undefined);
  } catch {
    return null;
  }
}

const control =
  'h-9 min-w-0 rounded-md border border-slate-300 bg-white px-2 text-[14px] text-slate-900 shadow-xs focus:border-sky-500 focus:ring-2 focus:ring-sky-200 focus:outline-none disabled:bg-slate-100';

/** A labelled select of the form (source, destination). */
function SelectRow({
  label,
  value,
  disabled,
  onChange,
  children,
}: {
  readonly label: string;
  readonly value: string;
  readonly disabled: boolean;
  readonly onChange: (value: string) => void;
  readonly children: ReactNode;
}) {
  const id = useId();
  return (
    <Field id={id} label={label}>
      <select
        id={id}
        className={control}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
      >
        {children}
      </select>
    </Field>
  );
}

/** A labelled control of the form; `wide` spans both columns. */
function Field({
  id,
  label,
  wide = false,
  children,
}: {
  readonly id: string;
  readonly label: string;
  readonly wide?: boolean;
  readonly children: ReactNode;
}) {
  return (
    <div className={`flex min-w-0 flex-col gap-1 ${wide ? 'col-span-2' : ''}`}>
      <label
        htmlFor={id}
        className="text-[11px] font-semibold tracking-wide text-slate-500 uppercase"
      >
        {label}
      </label>
      {children}
    </div>
  );
}

/** The options of a select, in labelled groups. */
function ChoiceGroups({ groups }: { readonly groups: readonly ChoiceGroup<Choice>[] }) {
  return groups.map((group) => (
    <optgroup key={group.label} label={group.label}>
      {group.choices.map((c) => (
        <option key={c.value} value={c.value} disabled={c.disabled}>
          {c.label}
        </option>
      ))}
    </optgroup>
  ));
}

export function ProbeBar() {
  const { flow, model, document, sendProbe, running, batch } = useAppValues({
    flow: selectFlow,
    model: selectModel,
    document: selectDocument,
    sendProbe: selectSendProbe,
    running: selectIsRunning,
    batch: selectBatch,
  });
  const { sendBatch } = useAppStore(useShallow(selectPlaybackControls));
  const ids = useId();

  const [source, setSource] = useState(() => (flow ? sourceValue(flow.from) : ''));
  const [destination, setDestination] = useState(() => initialDestination(flow, model));
  const [port, setPort] = useState(() => (flow?.port !== undefined ? String(flow.port) : ''));
  const [typed, setTyped] = useState('');
  const [protocol, setProtocol] = useState<Probe['protocol']>(() => flow?.protocol ?? 'TCP');

  // A flow sent from elsewhere (a matrix cell, a lesson) shows here, so Send replays what is on
  // screen; the flows this bar sent itself already do.
  const activeProbe = useAppStore(selectActiveProbe);
  const [shownProbe, setShownProbe] = useState(activeProbe);
  const [sentHere, setSentHere] = useState<Probe | null>(null);
  if (activeProbe !== shownProbe) {
    setShownProbe(activeProbe);
    if (activeProbe && activeProbe !== sentHere) {
      setSource(sourceValue(activeProbe.from));
      setDestination(initialDestination(activeProbe, model));
      setPort(activeProbe.port !== undefined ? String(activeProbe.port) : '');
      setTyped('');
      setProtocol(activeProbe.protocol ?? 'TCP');
    }
  }

  const sources = useMemo(() => sourceGroups(model), [model]);
  const allSources = sources.flatMap((g) => g.choices);
  const chosenSourceChoice = allSources.find((c) => c.value === source) ?? allSources.at(0);
  const chosenSource = chosenSourceChoice?.value ?? '';
  const probeSource = chosenSourceChoice?.source ?? null;
  const destinations = useMemo(
    () => destinationGroups(model, document, probeSource),
    [model, document, probeSource],
  );
  const allDestinations = destinations.flatMap((g) => g.choices);
  // A flow read before the model arrived names a Service by DNS name; show it as the Service.
  const known = (value: string) => allDestinations.some((c) => c.value === value);
  const unlisted = destination && !known(destination) ? unlistedDestination(destination) : null;
  const wanted =
    unlisted?.target.kind === 'name'
      ? (serviceOfName(unlisted.target.name, probeSource, model) ?? destination)
      : destination;
  const firstEnabled = allDestinations.find((c) => !c.disabled && c.value !== CUSTOM);
  const chosenDestination = wanted || firstEnabled?.value || '';
  const chosen = allDestinations.find((c) => c.value === chosenDestination);
  const typedTarget = chosenDestination === CUSTOM ? readTyped(typed, model) : null;
  const resolved: TargetText | null =
    typeof typedTarget === 'string'
      ? null
      : (typedTarget ??
        (chosen ? (chosen.disabled ? null : chosen.to) : unlistedDestination(chosenDestination)));
  const isUrl = resolved?.target.kind === 'url';

  const onDestinationChange = (value: string) => {
    setDestination(value);
    const guess = allDestinations.find((c) => c.value === value)?.port;
    if (guess !== undefined) setPort(String(guess));
  };

  const buildProbe = (): Probe | null => {
    if (!model || !probeSource || !resolved) return null;
    const portNumber = resolved.port ?? Number(port);
    const hasPort = resolved.port !== undefined || (port !== '' && Number.isInteger(portNumber));
    return {
      from: probeSource,
      to: resolved.target,
      ...(hasPort && resolved.target.kind !== 'url' ? { port: portNumber } : {}),
      protocol,
      seed: flow?.seed ?? 1,
    };
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (holdForPrediction(appStore)) return;
    const probe = buildProbe();
    setSentHere(probe);
    if (probe) void sendProbe(probe);
  };

  const sendMany = () => {
    if (holdForPrediction(appStore)) return;
    const probe = buildProbe();
    setSentHere(probe);
    if (probe) void sendBatch(probe, BATCH_SIZE);
  };

  const customInvalid = typeof typedTarget === 'string';
  const typedError = customInvalid && typed.trim() !== '' ? typedTarget : null;

  return (
    <form
      aria-label="Send a packet"
      onSubmit={submit}
      className="grid grid-cols-[1fr_1fr] gap-x-3 gap-y-3 border-b border-slate-200 bg-white px-5 py-4"
    >
      <SelectRow label="Source" value={chosenSource} disabled={!model} onChange={setSource}>
        <ChoiceGroups groups={sources} />
      </SelectRow>
      <SelectRow
        label="Destination"
        value={chosenDestination}
        disabled={!model}
        onChange={onDestinationChange}
      >
        {!known(wanted) && wanted && (
          <option value={wanted}>
            {wanted.startsWith(SERVICE) ? wanted.slice(SERVICE.length) : wanted}
          </option>
        )}
        <ChoiceGroups groups={destinations} />
      </SelectRow>
      {chosenDestination === CUSTOM && (
        <Field id={`${ids}-typed`} label="Address or URL" wide>
          <input
            id={`${ids}-typed`}
            className={`${control} font-mono`}
            placeholder="10.96.0.10, web.shop, https://shop.example.com/cart"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={typedError !== null}
            aria-describedby={typedError ? `${ids}-typed-error` : undefined}
          />
          {typedError && (
            <p id={`${ids}-typed-error`} className="text-[12px] text-rose-700">
              {typedError}
            </p>
          )}
        </Field>
      )}
      <Field id={`${ids}-port`} label={protocol === 'TCP' ? 'Port' : `Port (${protocol})`}>
        <input
          id={`${ids}-port`}
          className={`${control} font-mono`}
          type="number"
          inputMode="numeric"
          min={1}
          max={65535}
          placeholder={isUrl ? 'from the URL' : 'default'}
          disabled={isUrl || resolved?.port !== undefined}
          value={isUrl ? '' : port}
          onChange={(e) => setPort(e.target.value)}
        />
      </Field>
      {/* Side by side where there is room; in a narrow panel "20 at once" goes under Send. */}
      <div className="flex flex-wrap items-end justify-end gap-2">
        <button
          type="submit"
          disabled={!model || !probeSource || customInvalid}
          aria-busy={running}
          className="h-9 flex-1 rounded-md bg-sky-600 px-4 text-[14px] font-semibold text-white shadow-sm hover:bg-sky-700 focus-visible:ring-2 focus-visible:ring-sky-300 focus-visible:outline-none disabled:cursor-not-allowed disabled:opacity-50"
        >
          Send
        </button>
        <button
          type="button"
          onClick={sendMany}
          disabled={!model || !probeSource || customInvalid}
          aria-busy={batch?.status === 'running'}
          title={`The same flow ${BATCH_SIZE} times (seeds 1–${BATCH_SIZE}), to see how the Service spreads requests`}
          className="h-9 shrink-0 rounded-md border border-sky-600 bg-white px-3 text-[13.5px] font-semibold text-sky-700 hover:bg-sky-50 disabled:cursor-not-allowed disabled:opacity-50"
        >
          {BATCH_SIZE} at once
        </button>
      </div>
    </form>
  );
}
