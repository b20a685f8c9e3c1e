/**
 * Where to send a packet from and to. Choices start from the scenario's flow; Send asks the
 * store for a trace, which the canvas animates and the hop list explains.
 */
import { useId, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Probe, ProbeTarget } from '../engine/trace.ts';
import { useAppStore } from '../store/appStore.ts';
import {
  selectFlow,
  selectIsRunning,
  selectModel,
  selectSendProbe,
  selectUserPods,
  selectUserServices,
} from '../store/selectors.ts';
import type { PodSummary, ServiceSummary } from '../store/viewTypes.ts';

const podValue = (p: { namespace: string; name: string }) => `${p.namespace}/${p.name}`;

/** Services are addressed by DNS name, the way a client in the pod would call them. */
const serviceTargetValue = (s: ServiceSummary, fromNamespace: string) =>
  `name:${s.namespace === fromNamespace ? s.name : `${s.name}.${s.namespace}`}`;

function targetToValue(target: ProbeTarget): string {
  switch (target.kind) {
    case 'pod':
      return `pod:${podValue(target)}`;
    case 'name':
      return `name:${target.name}`;
    case 'ip':
      return `ip:${target.ip}`;
    case 'url':
      return `url:${target.url}`;
    case 'localhost':
      return 'localhost';
    default:
      return target satisfies never;
  }
}

function valueToTarget(value: string): ProbeTarget {
  const [kind, ...rest] = value.split(':');
  const text = rest.join(':');
  switch (kind) {
    case 'pod': {
      const [namespace, name] = text.split('/');
      return { kind: 'pod', namespace, name };
    }
    case 'ip':
      return { kind: 'ip', ip: text };
    case 'url':
      return { kind: 'url', url: text };
    case 'localhost':
      return { kind: 'localhost' };
    default:
      return { kind: 'name', name: text };
  }
}

/** The port a destination most likely listens on: the Service's first port, the pod's first. */
function defaultPort(
  value: string,
  pods: readonly PodSummary[],
  services: readonly ServiceSummary[],
  fromNamespace: string,
): number | undefined {
  const service = services.find((s) => serviceTargetValue(s, fromNamespace) === value);
  if (service) return service.ports[0]?.port;
  const pod = pods.find((p) => `pod:${podValue(p)}` === value);
  return pod?.containers.flatMap((c) => c.ports ?? [])[0]?.containerPort;
}

export function ProbeBar() {
  const flow = useAppStore(selectFlow);
  const model = useAppStore(selectModel);
  const pods = useAppStore(useShallow(selectUserPods));
  const services = useAppStore(useShallow(selectUserServices));
  const sendProbe = useAppStore(selectSendProbe);
  const running = useAppStore(selectIsRunning);
  const ids = useId();

  const [source, setSource] = useState(() =>
    flow?.from.kind === 'pod' ? podValue(flow.from) : '',
  );
  const [destination, setDestination] = useState(() => (flow ? targetToValue(flow.to) : ''));
  const [port, setPort] = useState(() => (flow?.port ? String(flow.port) : ''));

  const sourcePod = pods.find((p) => podValue(p) === source) ?? pods[0];
  const fromNamespace = sourcePod?.namespace ?? 'default';
  const serviceOptions = services.map((s) => ({
    value: serviceTargetValue(s, fromNamespace),
    label: s.clusterIP ? `${s.name} — ${s.clusterIP}` : s.name,
  }));
  const podOptions = pods.map((p) => ({
    value: `pod:${podValue(p)}`,
    label: `${p.name} — ${p.ip}`,
  }));
  const known = [...serviceOptions, ...podOptions].some((o) => o.value === destination);
  const chosenDestination = destination || serviceOptions[0]?.value || podOptions[0]?.value || '';

  const onDestinationChange = (value: string) => {
    setDestination(value);
    const guess = defaultPort(value, pods, services, fromNamespace);
    if (guess !== undefined) setPort(String(guess));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!sourcePod || !chosenDestination) return;
    const portNumber = Number(port);
    const probe: Probe = {
      from: { kind: 'pod', namespace: sourcePod.namespace, name: sourcePod.name },
      to: valueToTarget(chosenDestination),
      ...(port && Number.isInteger(portNumber) ? { port: portNumber } : {}),
      protocol: flow?.protocol ?? 'TCP',
      seed: flow?.seed ?? 1,
    };
    void sendProbe(probe);
  };

  const field = 'flex min-w-0 flex-col gap-1';
  const label = 'text-[11px] font-semibold tracking-wide text-slate-500 uppercase';
  const control =
    'h-9 rounded-md border border-slate-300 bg-white px-2 text-[14px] text-slate-900 shadow-xs focus:border-sky-500 focus:ring-2 focus:ring-sky-200 focus:outline-none disabled:bg-slate-100';

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
          value={sourcePod ? podValue(sourcePod) : ''}
          disabled={!model}
          onChange={(e) => setSource(e.target.value)}
        >
          {pods.map((p) => (
            <option key={p.key} value={podValue(p)}>
              {p.name} — {p.ip}
            </option>
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
          {!known && destination && <option value={destination}>{destination}</option>}
          {serviceOptions.length > 0 && (
            <optgroup label="Services">
              {serviceOptions.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </optgroup>
          )}
          <optgroup label="Pods">
            {podOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </optgroup>
        </select>
      </div>
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
          placeholder="default"
          value={port}
          onChange={(e) => setPort(e.target.value)}
        />
      </div>
      <div className="flex items-end">
        <button
          type="submit"
          disabled={!model || !sourcePod}
          aria-busy={running}
          className="h-9 w-full rounded-md bg-sky-600 px-4 text-[14px] font-semibold text-white shadow-sm hover:bg-sky-700 focus-visible:ring-2 focus-visible:ring-sky-300 focus-visible:outline-none disabled:cursor-not-allowed disabled:opacity-50"
        >
          Send
        </button>
      </div>
    </form>
  );
}
