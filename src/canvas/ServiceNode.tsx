import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { KindCard, sameCard } from './Card.tsx';
import { ArrowTo, counted, LabelChips, NamespaceRow } from './cardRows.tsx';
import type { ServiceFlowNode, ServiceView } from './flowTypes.ts';
import { labelTexts } from './layoutCluster.ts';

/** What a Service answers at: a CNAME, no address (headless), or its ClusterIP once allocated. */
function addressText(service: ServiceView): string {
  if (service.type === 'ExternalName') return `CNAME ${service.externalName ?? '—'}`;
  if (service.headless) return 'None (headless)';
  return service.clusterIP ?? 'allocating…';
}

/** A Service: its virtual address, each port and where it forwards to, and what it selects. */
function ServiceCard({ data }: NodeProps<ServiceFlowNode>) {
  const { service, highlight } = data;
  return (
    <KindCard
      kind="Service"
      name={service.name}
      highlight={highlight}
      system={service.system}
      label={service.headless ? 'Headless' : service.type}
    >
      {() => {
        const external = service.type === 'ExternalName';
        const selector = service.selector ? labelTexts(service.selector) : [];
        return (
          <>
            <NamespaceRow
              namespace={service.namespace}
              className="font-mono text-[12px] text-slate-700"
            >
              <span
                title={external ? 'DNS alias' : 'ClusterIP'}
                className={
                  service.clusterIP || external || service.headless ? '' : 'text-slate-500 italic'
                }
              >
                {addressText(service)}
              </span>
            </NamespaceRow>
            {service.ports.length === 0 && (
              <div className="h-[20px] text-[12px] text-slate-500">no ports</div>
            )}
            {service.ports.map((p, i) => (
              <div
                key={i}
                className="flex h-[20px] items-center gap-1.5 overflow-hidden font-mono text-[12px] whitespace-nowrap text-violet-900"
              >
                <span>
                  {p.port}/{p.protocol}
                </span>
                <ArrowTo />
                <span>{p.targetPort}</span>
                {p.nodePort !== undefined && (
                  <span
                    className="rounded border border-violet-200 bg-white px-1 text-[11px] text-violet-800"
                    title="NodePort on every node"
                  >
                    node :{p.nodePort}
                  </span>
                )}
                {p.name && <span className="truncate text-slate-500">{p.name}</span>}
              </div>
            ))}
            {selector.length > 0 && <LabelChips texts={selector} tone="service" />}
            <div className="mt-1 flex h-[20px] items-center text-[12px] text-slate-600">
              {external ? (
                'DNS answers with a CNAME; no proxying'
              ) : selector.length === 0 ? (
                <span className="text-amber-800">No selector: selects no pods</span>
              ) : (
                `${service.readyEndpoints} of ${counted(service.totalEndpoints, 'endpoint')} ready`
              )}
            </div>
          </>
        );
      }}
    </KindCard>
  );
}

export const ServiceNode = memo(ServiceCard, sameCard);
