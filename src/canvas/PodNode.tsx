import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useAppStore } from '../store/appStore.ts';
import { selectIsHighlighted } from '../store/selectors.ts';
import { KindIcon } from '../ui/kinds.tsx';
import { KindCard, sameCard, SideAnchor } from './Card.tsx';
import { LabelChips, NamespaceRow } from './cardRows.tsx';
import type { PodFlowNode, PodView } from './flowTypes.ts';
import { EMPHASIS_OUTLINE, POINTED_OUT } from './kindStyles.ts';
import { labelTexts, portText } from './layoutCluster.ts';

/** The shield in the title row of a pod a NetworkPolicy selects (with a count when several). */
function PolicyShield({ policies }: { readonly policies: readonly string[] }) {
  return (
    <span
      className="inline-flex shrink-0 items-center gap-0.5 rounded-md border border-rose-300 bg-rose-50 px-1 text-[10px] font-semibold text-rose-800"
      title={`Selected by NetworkPolicy ${policies.join(', ')}`}
    >
      <KindIcon kind="NetworkPolicy" className="h-3 w-3" />
      <span className="sr-only">Selected by NetworkPolicy {policies.join(', ')}</span>
      {policies.length > 1 && <span aria-hidden="true">{policies.length}</span>}
    </span>
  );
}

function ReadyBadge({ ready }: { readonly ready: boolean }) {
  return (
    <span
      className={`inline-flex items-center gap-1 rounded-full px-2 py-px text-[10px] font-semibold ${
        ready ? 'bg-emerald-100 text-emerald-800' : 'bg-amber-100 text-amber-900'
      }`}
    >
      <span aria-hidden="true">{ready ? '✓' : '✕'}</span>
      {ready ? 'Ready' : 'Not ready'}
    </span>
  );
}

/**
 * A pod: name, readiness, address, its Deployment, labels, and each container with the ports it
 * declares. A not-ready pod is drawn dashed and muted and says so; a pod a NetworkPolicy
 * selects carries a shield.
 */
function PodCard({ data }: NodeProps<PodFlowNode>) {
  const { pod, highlight, emphasis } = data;
  const pointedOut = useAppStore(selectIsHighlighted(pod.key)) ? POINTED_OUT : '';
  const shielded = pod.policies.length > 0;
  return (
    <KindCard
      kind="Pod"
      name={pod.name}
      highlight={highlight}
      tone={pod.ready ? 'border-emerald-300 bg-white' : 'pp-not-ready border-amber-400 bg-slate-50'}
      className={`${emphasis ? EMPHASIS_OUTLINE[emphasis] : ''} ${pointedOut}`}
      system={pod.system}
      dashed={!pod.ready}
      bar={pod.ready ? undefined : 'border-l-amber-500'}
      handles={<SideAnchor />}
      farBadge={
        shielded ? <KindIcon kind="NetworkPolicy" className="h-9 w-9 text-rose-600" /> : null
      }
      extra={shielded ? <PolicyShield policies={pod.policies} /> : null}
      badge={<ReadyBadge ready={pod.ready} />}
    >
      {() => <PodRows pod={pod} />}
    </KindCard>
  );
}

/** Below the title: address, Deployment, labels, containers and their ports. */
function PodRows({ pod }: { readonly pod: PodView }) {
  const labels = labelTexts(pod.labels);
  return (
    <>
      <NamespaceRow namespace={pod.namespace} className="font-mono text-[12px] text-slate-700">
        <span title="Pod IP">
          {pod.ip ?? <span className="text-slate-500 italic">allocating…</span>}
        </span>
        {pod.system && (
          <span className="rounded bg-slate-200 px-1 text-[10px] font-semibold text-slate-700 uppercase">
            system
          </span>
        )}
      </NamespaceRow>
      {pod.deployment && (
        <div className="mt-[6px] flex h-[18px] items-center">
          <span
            className="inline-flex h-[18px] max-w-full items-center gap-1 truncate rounded-md border border-emerald-300 bg-emerald-50 px-1.5 text-[11px] font-medium text-emerald-900"
            title={`Created by Deployment ${pod.deployment}`}
          >
            <KindIcon kind="Deployment" className="h-3 w-3" />
            Deployment {pod.deployment}
          </span>
        </div>
      )}
      {labels.length > 0 && <LabelChips texts={labels} tone="pod" />}
      <ul className="mt-2 border-t border-slate-100 pt-1" aria-label={`Containers of ${pod.name}`}>
        {pod.containers.map((c) => (
          <li key={c.name} className="text-[12px] leading-[19px]">
            <div className="flex items-center gap-1.5">
              <KindIcon kind="Container" className="h-3.5 w-3.5 text-slate-500" />
              <span className="shrink-0 font-medium whitespace-nowrap text-slate-800">
                {c.name}
              </span>
              {c.image && <span className="min-w-0 truncate text-slate-500">{c.image}</span>}
            </div>
            {(c.ports?.length ?? 0) > 0 && (
              <div className="pl-5 font-mono text-[11px] text-emerald-800">
                {c.ports?.map((p) => (
                  <span
                    key={`${p.containerPort}/${p.protocol ?? 'TCP'}`}
                    className="mr-2 inline-block whitespace-nowrap"
                  >
                    {portText(p)}
                  </span>
                ))}
              </div>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

export const PodNode = memo(PodCard, sameCard);
