/**
 * The packet at the current hop, like Packet Tracer's PDU view: its headers as stacked layers
 * (the outer encapsulation header when tunnelled, IP, TCP/UDP/SCTP, DNS or HTTP), every field the
 * hop changed shown as before -> after, the explanation, and what decided it: the object or rule
 * (a click selects it on the canvas), kube-proxy's rules as the mode writes them, the candidate
 * endpoints with their probabilities, the NetworkPolicy and rule.
 */
import type { Decision, Hop } from '../engine/trace.ts';
import { useAppStore } from '../store/appStore.ts';
import {
  selectClusterSettings,
  selectSelectElement,
  selectSelectedStep,
  selectSelectedStepIndex,
  selectStepCount,
} from '../store/selectors.ts';
import { dropReasonText, PLACE_TITLE, stepWhere, TRACE_PHASE_TITLE } from '../store/traceSteps.ts';
import { elementKey } from '../scenario/document/elementKey.ts';
import { packetLayers, type PacketField, type PacketLayerView } from './packetLayers.ts';
import { VerdictBadge } from './VerdictBadge.tsx';

interface PacketInspectorProps {
  /** Presenter mode: larger type for a room. */
  readonly large?: boolean;
}

export function PacketInspector({ large = false }: PacketInspectorProps) {
  const step = useAppStore(selectSelectedStep);
  const index = useAppStore(selectSelectedStepIndex);
  const total = useAppStore(selectStepCount);
  const settings = useAppStore(selectClusterSettings);

  if (!step) {
    return (
      <section
        aria-label="Packet inspector"
        className="px-5 py-4 text-[13.5px] leading-relaxed text-slate-600"
      >
        <h2 className="mb-1 text-[13px] font-semibold tracking-wide text-slate-500 uppercase">
          Packet
        </h2>
        <p>
          {total > 0
            ? 'Press Play, step with → or pick a hop below to see the packet’s headers at that point and why it went where it went.'
            : 'Send a packet to inspect its headers hop by hop.'}
        </p>
      </section>
    );
  }

  const { hop } = step;
  const dropped = hop.verdict === 'Dropped';
  const layers = packetLayers(hop.before, hop.after);
  const ebpf = settings?.serviceProxy === 'ebpf';
  const socketTranslation =
    ebpf &&
    hop.location.place === 'Container' &&
    hop.verdict === 'Translated' &&
    (hop.decisions ?? []).some((d) => d.kind === 'kube-proxy');

  return (
    <section
      aria-label="Packet inspector"
      className={`flex flex-col gap-3 px-5 py-4 ${large ? 'text-[17px]' : 'text-[13.5px]'}`}
    >
      <header className="flex items-start gap-2">
        <div className="min-w-0 flex-1">
          <h2 className="text-[12px] font-semibold tracking-wide text-slate-500 uppercase">
            Hop {index + 1} of {total} · {TRACE_PHASE_TITLE[step.phase]}
          </h2>
          <p
            className={`font-mono font-semibold text-slate-900 ${large ? 'text-[19px]' : 'text-[14px]'}`}
          >
            {stepWhere(step) || PLACE_TITLE[hop.location.place]}
          </p>
          <p className="text-[12px] text-slate-500">{PLACE_TITLE[hop.location.place]}</p>
        </div>
        <VerdictBadge verdict={hop.verdict} />
      </header>

      <p
        aria-label="Explanation"
        className={`leading-snug text-slate-900 ${large ? 'text-[19px]' : 'text-[14px]'}`}
      >
        {hop.explanation}
      </p>

      {dropped && <DropBox hop={hop} />}

      {socketTranslation && (
        <div className="rounded-lg border border-violet-200 bg-violet-50 px-3 py-2 text-[13px] leading-snug text-violet-950">
          <strong className="font-semibold">Why there is no DNAT on the wire.</strong> Cilium’s
          kube-proxy replacement translates the Service address when the application calls{' '}
          <code className="font-mono">connect()</code>, in the pod’s socket layer. The first packet
          already carries the backend pod’s address: no node rewrites it, a capture on the node
          never sees the ClusterIP, and the reply is translated back in the socket too.
        </div>
      )}

      <div>
        <h3 className="mb-1.5 text-[12px] font-semibold tracking-wide text-slate-500 uppercase">
          Headers
        </h3>
        <ol aria-label="Packet layers" className="flex flex-col gap-1.5">
          {layers.map((layer) => (
            <LayerBox key={layer.id} layer={layer} />
          ))}
        </ol>
      </div>

      {(hop.decisions?.length ?? 0) > 0 && (
        <div>
          <h3 className="mb-1.5 text-[12px] font-semibold tracking-wide text-slate-500 uppercase">
            What decided it
          </h3>
          <ul aria-label="Decisions" className="flex flex-col gap-2.5">
            {hop.decisions?.map((decision, i) => (
              <DecisionItem
                key={`${decision.kind}-${i}`}
                decision={decision}
                proxyRulesTitle={settings?.proxyRulesTitle ?? 'Service proxy rules'}
              />
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

function DropBox({ hop }: { readonly hop: Hop }) {
  const policies = (hop.decisions ?? []).filter((d) => d.policy);
  return (
    <div
      aria-label="Drop reason"
      className="rounded-lg border border-red-300 bg-red-50 px-3 py-2 text-[13.5px] text-red-950"
    >
      <p className="font-semibold">
        Dropped here{hop.reason ? `: ${dropReasonText(hop.reason)}` : ''}.
      </p>
      {hop.reason && <p className="font-mono text-[12px] text-red-800">{hop.reason}</p>}
      {policies.map((d) => (
        <p key={d.policy!.name} className="mt-1">
          NetworkPolicy <strong className="font-semibold">{d.policy!.name}</strong> in namespace{' '}
          {d.policy!.namespace}
          {d.policy!.ruleIndex !== undefined ? `, rule ${d.policy!.ruleIndex + 1}` : ''}:{' '}
          {d.summary}
        </p>
      ))}
    </div>
  );
}

const LAYER_TONE: Record<PacketLayerView['status'], string> = {
  kept: 'border-slate-200 bg-white',
  changed: 'border-amber-300 bg-amber-50/60',
  added: 'border-indigo-300 bg-indigo-50/70',
  removed: 'border-slate-300 border-dashed bg-slate-50 opacity-80',
};

const LAYER_STATUS_TEXT: Record<PacketLayerView['status'], string> = {
  kept: '',
  changed: 'rewritten here',
  added: 'added here',
  removed: 'removed here',
};

function LayerBox({ layer }: { readonly layer: PacketLayerView }) {
  return (
    <li
      aria-label={`${layer.title} layer${layer.status === 'kept' ? '' : `, ${LAYER_STATUS_TEXT[layer.status]}`}`}
      className={`rounded-lg border px-3 py-2 ${LAYER_TONE[layer.status]}`}
    >
      <div className="mb-1 flex items-center gap-2">
        <span className="text-[12.5px] font-semibold text-slate-800">{layer.title}</span>
        {layer.status !== 'kept' && (
          <span className="rounded bg-white/80 px-1.5 py-px text-[10.5px] font-semibold text-slate-700 ring-1 ring-slate-300">
            {LAYER_STATUS_TEXT[layer.status]}
          </span>
        )}
      </div>
      <dl className="grid grid-cols-[minmax(7.5rem,auto)_1fr] gap-x-3 gap-y-0.5 text-[12.5px]">
        {layer.fields.map((field) => (
          <FieldRow key={field.name} field={field} status={layer.status} />
        ))}
      </dl>
    </li>
  );
}

function FieldRow({
  field,
  status,
}: {
  readonly field: PacketField;
  readonly status: PacketLayerView['status'];
}) {
  // A whole new or removed layer reads better as plain values than as a list of arrows.
  const showChange = field.changed && status !== 'added' && status !== 'removed';
  return (
    <>
      <dt className="text-slate-500">{field.name}</dt>
      <dd className="min-w-0 font-mono break-words text-slate-900">
        {showChange ? (
          <span className="rounded bg-amber-200/70 px-1" aria-label={`${field.name} changed`}>
            {field.before !== undefined ? (
              <span className="text-slate-600 line-through">{field.before}</span>
            ) : (
              <span className="text-slate-500">(none)</span>
            )}
            {' → '}
            <strong className="font-semibold">{field.after ?? '(removed)'}</strong>
          </span>
        ) : (
          (field.after ?? field.before)
        )}
      </dd>
    </>
  );
}

/** The heading over a decision's rules; the service proxy's comes from the engine. */
function rulesTitle(decision: Decision, proxyRulesTitle: string): string {
  switch (decision.kind) {
    case 'kube-proxy':
      return proxyRulesTitle;
    case 'network-policy':
      return 'How the rules matched';
    case 'dns':
      return 'Resolver configuration and the names tried';
    case 'route':
      return 'Route';
    default:
      return 'Rules';
  }
}

function DecisionItem({
  decision,
  proxyRulesTitle,
}: {
  readonly decision: Decision;
  readonly proxyRulesTitle: string;
}) {
  const selectElement = useAppStore(selectSelectElement);
  const { ref } = decision;
  return (
    <li className="rounded-lg border border-slate-200 bg-white px-3 py-2">
      <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
        <span className="rounded bg-slate-100 px-1.5 py-px font-mono text-[11px] text-slate-600">
          {decision.kind}
        </span>
        <span className="text-[13px] font-medium text-slate-900">{decision.summary}</span>
      </div>
      {ref && (
        <button
          type="button"
          onClick={() => selectElement(elementKey(ref))}
          className="mt-1 text-[12.5px] font-medium text-sky-700 underline decoration-sky-300 underline-offset-2 hover:text-sky-900"
        >
          Select {ref.kind} {ref.name} on the canvas
        </button>
      )}
      {decision.policy && (
        <p className="mt-1 text-[12.5px] text-slate-700">
          NetworkPolicy <strong>{decision.policy.name}</strong> ({decision.policy.namespace})
          {decision.policy.ruleIndex !== undefined && `, rule ${decision.policy.ruleIndex + 1}`}
        </p>
      )}
      {decision.candidates && decision.candidates.length > 0 && (
        <table className="mt-1.5 w-full text-[12px]" aria-label="Candidate endpoints">
          <thead>
            <tr className="text-left text-[11px] text-slate-500">
              <th className="font-medium">Endpoint</th>
              <th className="font-medium">Node</th>
              <th className="w-[38%] font-medium">Probability</th>
            </tr>
          </thead>
          <tbody>
            {decision.candidates.map((c) => (
              <tr
                key={`${c.endpoint.ip}:${c.endpoint.port}`}
                className={c.chosen ? 'font-semibold text-slate-900' : 'text-slate-600'}
                aria-current={c.chosen ? 'true' : undefined}
              >
                <td className="py-0.5 pr-2 font-mono">
                  {c.chosen ? '▸ ' : ''}
                  {c.pod?.name ?? c.label} {c.endpoint.ip}:{c.endpoint.port}
                </td>
                <td className="pr-2 font-mono">{c.node ?? ''}</td>
                <td>
                  <span className="flex items-center gap-1.5">
                    <span className="h-2 flex-1 overflow-hidden rounded-full bg-slate-100">
                      <span
                        className={`block h-full rounded-full ${c.chosen ? 'bg-sky-600' : 'bg-slate-400'}`}
                        style={{ width: `${Math.round(c.probability * 100)}%` }}
                      />
                    </span>
                    <span className="w-10 text-right font-mono tabular-nums">
                      {formatProbability(c.probability)}
                    </span>
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {decision.rules && decision.rules.length > 0 && (
        <details className="mt-1.5" open={decision.kind === 'kube-proxy'}>
          <summary className="cursor-pointer text-[12px] font-medium text-slate-600">
            {rulesTitle(decision, proxyRulesTitle)}
          </summary>
          {/* Focusable so a keyboard can scroll a long rule sideways. */}
          <pre
            tabIndex={0}
            className="mt-1 overflow-x-auto rounded bg-slate-900 px-2 py-1.5 text-[11px] leading-relaxed whitespace-pre text-slate-100 focus-visible:ring-2 focus-visible:ring-sky-400 focus-visible:outline-none"
          >
            {decision.rules.join('\n')}
          </pre>
        </details>
      )}
    </li>
  );
}

function formatProbability(p: number): string {
  const percent = p * 100;
  return Number.isInteger(percent) ? `${percent}%` : `${percent.toFixed(1)}%`;
}
