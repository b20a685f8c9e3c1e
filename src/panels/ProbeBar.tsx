/**
 * Where to send a packet from and to. A pod, a node or a client outside the cluster can send;
 * the destination can be a Service (by name from a pod, by ClusterIP from a node or outside), a
 * pod, a node's IP and nodePort, an outside service, a load balancer, an Ingress URL, localhost,
 * or any address or URL typed in. Send traces one packet; "20 at once" sends the same flow with seeds 1..20.
 */
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Probe, ProbeSource, ProbeTarget } from '../engine/trace.ts';
import { useAppStore } from '../store/appStore.ts';
import { BATCH_SIZE } from '../store/runsSlice.ts';
import {
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
  readonly value: string;
  readonly label: string;
  /** The port this destination listens on, filled into the Port field. */
  readonly port?: number;
  readonly disabled?: boolean;
}

interface ChoiceGroup {
  readonly label: string;
  readonly choices: readonly Choice[];
}

const CUSTOM = 'custom';

function sourceValue(from: ProbeSource): string {
  switch (from.kind) {
    case 'pod':
      return `pod:${from.namespace}/${from.name}`;
    case 'node':
      return `node:${from.name}`;
    case 'external':
      return `external:${from.name}`;
    default:
      return from satisfies never;
  }
}

function valueToSource(value: string): ProbeSource | null {
  const [kind, ...rest] = value.split(':');
  const text = rest.join(':');
  if (kind === 'pod') {
    const [namespace, name] = text.split('/');
    return { kind: 'pod', namespace, name };
  }
  if (kind === 'node') return { kind: 'node', name: text };
  if (kind === 'external') return { kind: 'external', name: text };
  return null;
}

/** Parses what a person typed: a URL, an IPv4 address, localhost, or a DNS name. */
export function parseTypedTarget(text: string): ProbeTarget | null {
  const t = text.trim();
  if (!t) return null;
  if (/^https?:\/\//i.test(t)) return { kind: 'url', url: t };
  if (t === 'localhost') return { kind: 'localhost' };
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(t)) return { kind: 'ip', ip: t };
  return { kind: 'name', name: t };
}

function sourceGroups(model: ModelSummary | null): ChoiceGroup[] {
  if (!model) return [];
  return [
    {
      label: 'Pods',
      choices: model.pods
        .filter((p) => !p.system)
        .map((p) => ({ value: `pod:${p.namespace}/${p.name}`, label: `${p.name} — ${p.ip}` })),
    },
    {
      label: 'Nodes',
      choices: model.nodes.map((n) => ({
        value: `node:${n.name}`,
        label: `${n.name} (node) — ${n.ip}`,
      })),
    },
    {
      label: 'Outside the cluster',
      choices: model.externalClients.map((c) => ({
        value: `external:${c.name}`,
        label: `${c.name} (outside) — ${c.ip}`,
      })),
    },
  ].filter((g) => g.choices.length > 0);
}

function ingressUrls(document: ScenarioDocument, model: ModelSummary): Choice[] {
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
  return [...urls].map((url) => ({ value: `url:${url}`, label: url }));
}

function serviceLabel(s: ServiceSummary): string {
  if (s.type === 'ExternalName') return `${s.name} (ExternalName)`;
  if (s.headless) return `${s.name} (headless)`;
  return `${s.name} — ${s.clusterIP}`;
}

function destinationGroups(
  model: ModelSummary | null,
  document: ScenarioDocument,
  source: ProbeSource | null,
): ChoiceGroup[] {
  if (!model) return [];
  const fromPod = source?.kind === 'pod';
  const services = model.services.filter((s) => !s.system);
  const nodePorts: Choice[] = [];
  const balancers: Choice[] = [];
  for (const s of services) {
    for (const p of s.ports) {
      if (p.nodePort !== undefined) {
        for (const n of model.nodes) {
          nodePorts.push({
            value: `ipport:${n.ip}:${p.nodePort}`,
            label: `${s.name} NodePort on ${n.name} — ${n.ip}:${p.nodePort}`,
            port: p.nodePort,
          });
        }
      }
      if (s.loadBalancerIP) {
        balancers.push({
          value: `ipport:${s.loadBalancerIP}:${p.port}`,
          label: `${s.name} load balancer — ${s.loadBalancerIP}:${p.port}`,
          port: p.port,
        });
      }
    }
  }
  return [
    {
      label: 'Services',
      choices: services.map((s) => ({
        value: `svc:${s.namespace}/${s.name}`,
        label: serviceLabel(s),
        port: s.ports[0]?.port,
        // Only pods resolve names; from elsewhere a Service needs its ClusterIP.
        disabled: !fromPod && !s.clusterIP,
      })),
    },
    {
      label: 'Pods',
      choices: model.pods
        .filter((p) => !p.system)
        .map((p) => ({
          value: `pod:${p.namespace}/${p.name}`,
          label: `${p.name} — ${p.ip}`,
          port: p.containers.flatMap((c) => c.ports ?? [])[0]?.containerPort,
        })),
    },
    { label: 'Node IP and nodePort', choices: nodePorts },
    { label: 'Outside the cluster', choices: outsideServices(model, fromPod) },
    { label: 'Load balancers', choices: balancers },
    { label: 'Ingress URLs', choices: ingressUrls(document, model) },
    {
      label: 'Other',
      choices: [
        ...(fromPod ? [{ value: 'localhost', label: 'localhost (same pod)' }] : []),
        { value: CUSTOM, label: 'Address or URL…' },
      ],
    },
  ].filter((g) => g.choices.length > 0);
}

/** Outside services: by DNS name from a pod, and by address and each port they serve. */
function outsideServices(model: ModelSummary, fromPod: boolean): Choice[] {
  return model.externalClients
    .filter((c) => c.ports || c.hostname)
    .flatMap((c) => [
      ...(fromPod && c.hostname
        ? [{ value: `name:${c.hostname}`, label: `${c.name} — ${c.hostname}`, port: c.ports?.[0] }]
        : []),
      ...(c.ports && c.ports.length > 0
        ? c.ports.map((port) => ({
            value: `ipport:${c.ip}:${port}`,
            label: `${c.name} (outside) — ${c.ip}:${port}`,
            port,
          }))
        : [{ value: `ip:${c.ip}`, label: `${c.name} (outside) — ${c.ip}` }]),
    ]);
}

/** The option a saved flow's target corresponds to, when there is one. */
function initialDestination(flow: Probe | undefined, model: ModelSummary | null): string {
  if (!flow) return '';
  const to = flow.to;
  switch (to.kind) {
    case 'pod':
      return `pod:${to.namespace}/${to.name}`;
    case 'url':
      return `url:${to.url}`;
    case 'localhost':
      return 'localhost';
    case 'ip': {
      if (flow.port !== undefined) return `ipport:${to.ip}:${flow.port}`;
      return `ip:${to.ip}`;
    }
    case 'name':
      return serviceOfName(to.name, flow.from, model) ?? `name:${to.name}`;
    default:
      return to satisfies never;
  }
}

/** `svc:ns/name` for a short Service name (`web`, `web.shop`) as a pod would call it. */
function serviceOfName(
  name: string,
  source: ProbeSource | null,
  model: ModelSummary | null,
): string | null {
  const parts = name.split('.');
  if (parts.length > 2 || !model) return null;
  const namespace = parts[1] ?? (source?.kind === 'pod' ? source.namespace : 'default');
  const svc = model.services.find((s) => s.name === parts[0] && s.namespace === namespace);
  return svc ? `svc:${svc.namespace}/${svc.name}` : null;
}

function destinationToTarget(
  value: string,
  source: ProbeSource,
  model: ModelSummary,
  typed: string,
): { target: ProbeTarget; port?: number } | null {
  if (value === CUSTOM) {
    const target = parseTypedTarget(typed);
    return target ? { target } : null;
  }
  if (value === 'localhost') return { target: { kind: 'localhost' } };
  const [kind, ...rest] = value.split(':');
  const text = rest.join(':');
  switch (kind) {
    case 'svc': {
      const [namespace, name] = text.split('/');
      const svc = model.services.find((s) => s.namespace === namespace && s.name === name);
      if (source.kind === 'pod') {
        return {
          target: {
            kind: 'name',
            name: namespace === source.namespace ? name : `${name}.${namespace}`,
          },
        };
      }
      return svc?.clusterIP ? { target: { kind: 'ip', ip: svc.clusterIP } } : null;
    }
    case 'pod': {
      const [namespace, name] = text.split('/');
      return { target: { kind: 'pod', namespace, name } };
    }
    case 'ipport': {
      const at = text.lastIndexOf(':');
      return { target: { kind: 'ip', ip: text.slice(0, at) }, port: Number(text.slice(at + 1)) };
    }
    case 'ip':
      return { target: { kind: 'ip', ip: text } };
    case 'url':
      return { target: { kind: 'url', url: text } };
    default:
      return { target: { kind: 'name', name: text } };
  }
}

export function ProbeBar() {
  const flow = useAppStore(selectFlow);
  const model = useAppStore(selectModel);
  const document = useAppStore(selectDocument);
  const sendProbe = useAppStore(selectSendProbe);
  const running = useAppStore(selectIsRunning);
  const batch = useAppStore(selectBatch);
  const { sendBatch } = useAppStore(useShallow(selectPlaybackControls));
  const ids = useId();

  const [source, setSource] = useState(() => (flow ? sourceValue(flow.from) : ''));
  const [destination, setDestination] = useState(() => initialDestination(flow, model));
  const [port, setPort] = useState(() => (flow?.port !== undefined ? String(flow.port) : ''));
  const [typed, setTyped] = useState('');

  const sources = useMemo(() => sourceGroups(model), [model]);
  const allSources = sources.flatMap((g) => g.choices);
  const chosenSource = allSources.some((c) => c.value === source)
    ? source
    : (allSources[0]?.value ?? '');
  const probeSource = valueToSource(chosenSource);
  const destinations = useMemo(
    () => destinationGroups(model, document, valueToSource(chosenSource)),
    [model, document, chosenSource],
  );
  const allDestinations = destinations.flatMap((g) => g.choices);
  // A flow read before the model arrived names a Service by DNS name; show it as the Service.
  const wanted = destination.startsWith('name:')
    ? (serviceOfName(destination.slice(5), probeSource, model) ?? destination)
    : destination;
  const known = allDestinations.some((c) => c.value === wanted);
  const firstEnabled = allDestinations.find((c) => !c.disabled && c.value !== CUSTOM);
  const chosenDestination = wanted || firstEnabled?.value || '';
  const chosen = allDestinations.find((c) => c.value === chosenDestination);
  const isUrl =
    chosenDestination.startsWith('url:') ||
    (chosenDestination === CUSTOM && /^https?:\/\//i.test(typed.trim()));

  const onDestinationChange = (value: string) => {
    setDestination(value);
    const guess = allDestinations.find((c) => c.value === value)?.port;
    if (guess !== undefined) setPort(String(guess));
  };

  const buildProbe = (): Probe | null => {
    if (!model || !probeSource || !chosenDestination) return null;
    const resolved = destinationToTarget(chosenDestination, probeSource, model, typed);
    if (!resolved) return null;
    const portNumber = resolved.port ?? Number(port);
    const hasPort = resolved.port !== undefined || (port !== '' && Number.isInteger(portNumber));
    return {
      from: probeSource,
      to: resolved.target,
      ...(hasPort && resolved.target.kind !== 'url' ? { port: portNumber } : {}),
      protocol: flow?.protocol ?? 'TCP',
      seed: flow?.seed ?? 1,
    };
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const probe = buildProbe();
    if (probe) void sendProbe(probe);
  };

  const sendMany = () => {
    const probe = buildProbe();
    if (probe) void sendBatch(probe, BATCH_SIZE);
  };

  const field = 'flex min-w-0 flex-col gap-1';
  const label = 'text-[11px] font-semibold tracking-wide text-slate-500 uppercase';
  const control =
    'h-9 min-w-0 rounded-md border border-slate-300 bg-white px-2 text-[14px] text-slate-900 shadow-xs focus:border-sky-500 focus:ring-2 focus:ring-sky-200 focus:outline-none disabled:bg-slate-100';
  const customInvalid = chosenDestination === CUSTOM && parseTypedTarget(typed) === null;

  return (
    <form
      aria-label="Send a packet"
      onSubmit={submit}
      className="grid grid-cols-[1fr_1fr] gap-x-3 gap-y-3 border-b border-slate-200 bg-white px-5 py-4"
    >
      <div className={field}>
        <label htmlFor={`${ids}-source`} className={label}>
          Source
        </label>
        <select
          id={`${ids}-source`}
          className={control}
          value={chosenSource}
          disabled={!model}
          onChange={(e) => setSource(e.target.value)}
        >
          {sources.map((group) => (
            <optgroup key={group.label} label={group.label}>
              {group.choices.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      <div className={field}>
        <label htmlFor={`${ids}-destination`} className={label}>
          Destination
        </label>
        <select
          id={`${ids}-destination`}
          className={control}
          value={chosenDestination}
          disabled={!model}
          onChange={(e) => onDestinationChange(e.target.value)}
        >
          {!known && wanted && <option value={wanted}>{wanted.replace(/^[a-z]+:/, '')}</option>}
          {destinations.map((group) => (
            <optgroup key={group.label} label={group.label}>
              {group.choices.map((c) => (
                <option key={c.value} value={c.value} disabled={c.disabled}>
                  {c.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      {chosenDestination === CUSTOM && (
        <div className={`${field} col-span-2`}>
          <label htmlFor={`${ids}-typed`} className={label}>
            Address or URL
          </label>
          <input
            id={`${ids}-typed`}
            className={`${control} font-mono`}
            placeholder="10.96.0.10, web.shop, https://shop.example.com/cart"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
        </div>
      )}
      <div className={field}>
        <label htmlFor={`${ids}-port`} className={label}>
          Port
        </label>
        <input
          id={`${ids}-port`}
          className={`${control} font-mono`}
          type="number"
          inputMode="numeric"
          min={1}
          max={65535}
          placeholder={isUrl ? 'from the URL' : 'default'}
          disabled={isUrl || chosen?.value.startsWith('ipport:')}
          value={isUrl ? '' : port}
          onChange={(e) => setPort(e.target.value)}
        />
      </div>
      <div className="flex items-end gap-2">
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
