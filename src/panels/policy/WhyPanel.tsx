/**
 * Why the flow on screen was allowed or denied: for the source (egress) and the destination
 * (ingress), every policy that selects the pod (NetworkPolicy, and Cilium's own where they
 * exist), the rule that matched or why none did, and where a Cilium HTTP rule applies, what
 * Cilium's Envoy did with the request (layer 7). Read from the trace, whose policy hops carry
 * the engine's decision.
 */
import type { ReactNode } from 'react';
import type { PolicyDirection } from '../../engine/policy.ts';
import type { NetworkPolicySpec } from '../../engine/spec.ts';
import { ciliumPolicyKey, policyKey } from '../../scenario/document/elementKey.ts';
import { describeRule } from '../../scenario/policyWords.ts';
import {
  ciliumPoliciesSelectingPod,
  policiesSelectingPod,
} from '../../scenario/policySelection.ts';
import { appStore, useAppStore } from '../../store/appStore.ts';
import { selectCluster, selectIsRunning, selectModel, selectTrace } from '../../store/selectors.ts';
import { dropReasonText } from '../../store/traceSteps.ts';
import { explainFlow, samePolicy, type PolicyCheck, type PolicyId } from './explainFlow.ts';
import { readPodText } from '../../scenario/document/probeText.ts';

const nameOf = (key: string | null) => (key ? readPodText(key, 'pod').name : 'the pod');

const isCilium = (id: PolicyId) => id.kind !== undefined && id.kind !== 'NetworkPolicy';

export function WhyPanel() {
  const trace = useAppStore(selectTrace);
  const cluster = useAppStore(selectCluster);
  const model = useAppStore(selectModel);
  const running = useAppStore(selectIsRunning);
  const policyHop = trace?.hops.some((h) =>
    (h.decisions ?? []).some((d) => d.kind === 'network-policy'),
  );
  if (!trace || (trace.probe.from.kind !== 'pod' && !policyHop)) {
    return (
      <section aria-label="Why" className="px-4 py-3">
        <h3 className="text-[13px] font-semibold text-slate-900">Why</h3>
        <p className="mt-1 text-[12px] text-slate-500">
          Click a cell of the matrix (or send a packet from a pod) to see which policies select the
          source and the destination, and which rule decided.
        </p>
      </section>
    );
  }
  const policies = cluster.networkPolicies ?? [];
  const selectingOf = (key: string, direction: PolicyDirection): PolicyId[] => {
    const pod = model?.pods.find((p) => `${p.namespace}/${p.name}` === key);
    if (!pod) return [];
    return [
      ...policiesSelectingPod(policies, pod, direction).map((p) => ({
        name: p.name,
        namespace: p.namespace ?? 'default',
      })),
      ...ciliumPoliciesSelectingPod(cluster, pod, direction).map((p) => ({
        name: p.name,
        namespace: p.kind === 'CiliumNetworkPolicy' ? (p.namespace ?? 'default') : '',
        kind: p.kind,
      })),
    ];
  };
  const why = explainFlow(trace, selectingOf);
  const delivered = why.verdict === 'Delivered';
  return (
    <section
      aria-label="Why"
      className={`flex flex-col gap-2 px-4 py-3 ${running ? 'opacity-60' : ''}`}
    >
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="text-[13px] font-semibold text-slate-900">
          Why: {why.from ? nameOf(why.from) : 'the client'} → {nameOf(why.to)}
          {why.port !== undefined ? ` on ${why.protocol} ${why.port}` : ''}
        </h3>
        <span
          className={`rounded-full px-2 py-px text-[11px] font-semibold ${
            delivered ? 'bg-emerald-100 text-emerald-800' : 'bg-red-100 text-red-800'
          }`}
        >
          {delivered
            ? 'Delivered'
            : `Dropped${why.reason ? `: ${dropReasonText(why.reason)}` : ''}`}
        </span>
      </div>
      {why.from !== null && <DirectionWhy check={why.egress} policies={policies} />}
      <DirectionWhy check={why.ingress} policies={policies} />
      {!delivered && why.reason !== 'PolicyDenied' && why.reason !== 'HttpDenied' && (
        <p className="text-[12px] text-slate-600">{why.summary}</p>
      )}
    </section>
  );
}

function DirectionWhy({
  check,
  policies,
}: {
  readonly check: PolicyCheck;
  readonly policies: readonly NetworkPolicySpec[];
}) {
  const pod = nameOf(check.pod);
  const way = check.direction === 'Egress' ? 'egress' : 'ingress';
  const title =
    check.direction === 'Egress' ? `Leaving ${pod} (egress)` : `Entering ${pod} (ingress)`;
  const names = check.selecting.map((p) => p.name).join(', ');
  const spec = (id: PolicyId) =>
    isCilium(id)
      ? undefined
      : policies.find((p) => p.name === id.name && (p.namespace ?? 'default') === id.namespace);
  let tone: 'neutral' | 'good' | 'bad' | 'warn' = 'neutral';
  let verdict: ReactNode;
  switch (check.outcome) {
    case 'not-isolated':
      verdict = `Not restricted: no policy selects ${pod} for ${way}.`;
      break;
    case 'allowed': {
      tone = 'good';
      const m = check.match!;
      const policy = spec(m);
      const rule = (check.direction === 'Ingress' ? policy?.ingress : policy?.egress)?.[
        m.ruleIndex
      ];
      verdict = (
        <>
          Allowed by <PolicyLink id={m} />, {way} rule {m.ruleIndex + 1}
          {rule ? `: ${describeRule(rule, check.direction)}` : ''}.
        </>
      );
      break;
    }
    case 'denied':
      tone = 'bad';
      verdict = `Denied: ${names} ${check.selecting.length === 1 ? 'selects' : 'select'} ${pod} for ${way}, and no rule allows this flow.`;
      break;
    case 'not-enforced':
      tone = 'warn';
      verdict = check.selecting.every(isCilium)
        ? `${names} ${check.selecting.length === 1 ? 'selects' : 'select'} ${pod}, but only Cilium enforces Cilium's policies: the packet passes.`
        : `${names} ${check.selecting.length === 1 ? 'selects' : 'select'} ${pod}, but the CNI does not enforce NetworkPolicy: the packet passes.`;
      break;
    case 'own-node':
      tone = 'good';
      verdict = `Allowed: it comes from ${pod}'s own node, which is always allowed in.`;
      break;
    case 'not-reached':
      verdict = `Not checked: the packet was dropped before it got here. ${names} would decide.`;
      break;
    default:
      verdict = check.outcome satisfies never;
  }
  if (check.http && !check.http.allowed) tone = 'bad';
  const toneClass = {
    neutral: 'border-slate-200 bg-slate-50',
    good: 'border-emerald-200 bg-emerald-50',
    bad: 'border-red-200 bg-red-50',
    warn: 'border-amber-200 bg-amber-50',
  }[tone];
  return (
    <div
      role="group"
      aria-label={title}
      className={`flex flex-col gap-1 rounded-md border px-2.5 py-2 ${toneClass}`}
    >
      <h4 className="text-[11px] font-semibold tracking-wide text-slate-600 uppercase">{title}</h4>
      <p className="text-[12.5px] leading-snug text-slate-800">{verdict}</p>
      {check.http && (
        <p
          aria-label="Layer 7"
          className="flex items-start gap-1.5 text-[12.5px] leading-snug text-slate-800"
        >
          <span
            className={`mt-px shrink-0 rounded px-1 text-[10.5px] font-bold ${
              check.http.allowed ? 'bg-amber-100 text-amber-800' : 'bg-red-100 text-red-800'
            }`}
          >
            L7
          </span>
          <span>
            {!check.http.read
              ? 'HTTP rules apply'
              : check.http.allowed
                ? 'HTTP request allowed'
                : 'HTTP request denied with 403'}
            {check.http.policy ? (
              <>
                {' '}
                by the HTTP rules of <PolicyLink id={check.http.policy} />
              </>
            ) : null}
            : {check.http.explanation}
          </span>
        </p>
      )}
      {check.selecting.length > 0 && (
        <ul className="flex flex-col gap-0.5 text-[12px] leading-snug text-slate-700">
          {check.selecting.map((p) => {
            const reasons = check.reasons.filter((r) => r.startsWith(`${p.name} `));
            const decided = check.match !== undefined && samePolicy(check.match, p);
            return (
              <li key={`${p.kind ?? 'NetworkPolicy'}/${p.namespace}/${p.name}`}>
                <PolicyLink id={p} /> selects {pod} for {way}
                {decided
                  ? ' and allows it'
                  : reasons.length > 0
                    ? `: ${reasons.map(stripName(p.name)).join(' ')}`
                    : ''}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

/** "allow-x ingress rule 1: the peer does not match." -> "ingress rule 1: the peer does not match." */
const stripName = (name: string) => (reason: string) => reason.slice(name.length + 1);

/** The workbench key of a policy (a clusterwide Cilium policy has no namespace). */
const keyOf = (id: PolicyId) =>
  id.kind && id.kind !== 'NetworkPolicy'
    ? ciliumPolicyKey({ kind: id.kind, namespace: id.namespace || undefined, name: id.name })
    : policyKey(id);

function PolicyLink({ id }: { readonly id: PolicyId }) {
  const kind = isCilium(id) ? `${id.kind} ` : '';
  return (
    <button
      type="button"
      title={`Edit ${id.name} in the workbench`}
      onClick={() => appStore.getState().setWorkbenchPolicyKey(keyOf(id))}
      className="font-mono font-semibold text-sky-800 underline decoration-sky-300 underline-offset-2 hover:decoration-sky-600"
    >
      {kind}
      {id.name}
    </button>
  );
}
