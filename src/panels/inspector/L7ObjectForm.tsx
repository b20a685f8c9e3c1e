/**
 * The inspector for Gateway API and Cilium objects: what the engine says about the object
 * (a Gateway's address and attached routes, a route's status in plain words, whether Cilium
 * enforces a policy), then the object as YAML to edit.
 */
import { qualifiedNameOfKey } from '../../scenario/document/elementKey.ts';
import { useAppStore } from '../../store/appStore.ts';
import { findL7Object } from '../../store/gatewayEdits.ts';
import { selectCluster, selectModel } from '../../store/selectors.ts';
import type { GatewaySummary, HTTPRouteSummary } from '../../store/viewTypes.ts';
import type { Kind } from '../../ui/kinds.tsx';
import { FormHeader, type FormProps } from './common.tsx';
import { Fact, Section } from './formLayout.tsx';
import { L7YamlEditor } from './L7YamlEditor.tsx';

const KIND_OF: Readonly<Record<string, Kind>> = {
  GatewayClass: 'Gateway',
  Gateway: 'Gateway',
  HTTPRoute: 'HTTPRoute',
  ReferenceGrant: 'ReferenceGrant',
  CiliumNetworkPolicy: 'CiliumPolicy',
  CiliumClusterwideNetworkPolicy: 'CiliumPolicy',
};

export function L7ObjectForm({ elementKey, formId, onRekey }: FormProps) {
  const cluster = useAppStore(selectCluster);
  const model = useAppStore(selectModel);
  const object = findL7Object(cluster, elementKey);
  if (!object) {
    return <p className="px-5 py-4 text-[13px] text-slate-500">This object no longer exists.</p>;
  }
  const gateway = model?.gatewayApi.gateways.find((g) => g.key === elementKey);
  const route = model?.gatewayApi.httpRoutes.find((r) => r.key === elementKey);
  return (
    <div>
      <FormHeader
        kind={KIND_OF[object.kind] ?? 'Gateway'}
        name={object.spec.name}
        elementKey={elementKey}
        subtitle={object.kind}
      />
      {gateway && <GatewayFacts summary={gateway} />}
      {route && <RouteStatusFacts summary={route} />}
      {(object.kind === 'CiliumNetworkPolicy' ||
        object.kind === 'CiliumClusterwideNetworkPolicy') &&
        model && (
          <p
            className={`mx-5 mb-3 rounded-md border px-3 py-2 text-[12.5px] leading-snug ${
              model.settings.ciliumPoliciesEnforced
                ? 'border-orange-200 bg-orange-50 text-orange-950'
                : 'border-rose-200 bg-rose-50 text-rose-900'
            }`}
          >
            {model.settings.ciliumPoliciesEnforced
              ? 'Cilium enforces this policy in eBPF; its HTTP rules send the connection through Cilium’s Envoy, which answers 403 to a request no rule allows.'
              : 'Not enforced: only Cilium reads Cilium’s policies. Switch the cluster’s CNI to Cilium in the settings to see it act.'}
          </p>
        )}
      <L7YamlEditor elementKey={elementKey} formId={formId} object={object} onRekey={onRekey} />
    </div>
  );
}

function GatewayFacts({ summary }: { readonly summary: GatewaySummary }) {
  return (
    <Section title="Listeners">
      <dl className="grid grid-cols-2 gap-3">
        <Fact label="Address">{summary.address ?? 'none yet'}</Fact>
        <Fact label="Class">
          {summary.className}
          {summary.programmed ? '' : ' (does not exist: nothing programs this Gateway)'}
        </Fact>
      </dl>
      <ul aria-label="Listeners" className="flex flex-col gap-1 text-[12.5px] text-slate-800">
        {summary.listeners.map((l) => (
          <li key={l.name} className="rounded-md border border-slate-200 bg-white px-2.5 py-1.5">
            <span className="font-mono font-semibold">{l.name}</span>{' '}
            <span className="font-mono">
              :{l.port} {l.protocol} {l.hostname ?? '(every host)'}
            </span>
            <br />
            {l.terminatesTls ? 'Ends TLS here. ' : ''}
            Takes routes from{' '}
            {l.allowedFrom === 'Same'
              ? 'its own namespace'
              : l.allowedFrom === 'All'
                ? 'every namespace'
                : 'namespaces its selector matches'}
            ; {l.attachedRoutes} attached.
          </li>
        ))}
      </ul>
    </Section>
  );
}

function RouteStatusFacts({ summary }: { readonly summary: HTTPRouteSummary }) {
  return (
    <Section title="Status">
      <ul aria-label="Route status" className="flex flex-col gap-1.5 text-[12.5px] leading-snug">
        {summary.parents.map((p, i) => (
          <li
            key={i}
            className={`rounded-md border px-2.5 py-1.5 ${
              p.accepted
                ? 'border-emerald-200 bg-emerald-50 text-emerald-950'
                : 'border-rose-200 bg-rose-50 text-rose-900'
            }`}
          >
            <span className="font-semibold">
              Accepted {p.accepted ? 'True' : 'False'} ({p.reason}):
            </span>{' '}
            {p.message}.
          </li>
        ))}
        <li
          className={`rounded-md border px-2.5 py-1.5 ${
            summary.resolvedRefs.status
              ? 'border-emerald-200 bg-emerald-50 text-emerald-950'
              : 'border-rose-200 bg-rose-50 text-rose-900'
          }`}
        >
          <span className="font-semibold">
            ResolvedRefs {summary.resolvedRefs.status ? 'True' : 'False'} (
            {summary.resolvedRefs.reason}):
          </span>{' '}
          {summary.resolvedRefs.message}.
        </li>
      </ul>
      {summary.backends.length > 0 && (
        <ul
          aria-label="Backends"
          className="flex flex-col gap-0.5 font-mono text-[12px] text-slate-800"
        >
          {summary.backends.map((b, i) => (
            <li key={i}>
              rule {b.ruleIndex + 1}: {qualifiedNameOfKey(b.serviceKey)}:{b.port ?? '?'}{' '}
              {b.mirror ? '(mirror)' : `weight ${b.weight}`}
              {b.problem ? <span className="text-rose-700"> — {b.problem}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
