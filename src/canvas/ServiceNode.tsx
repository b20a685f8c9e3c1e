import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { NamespaceTag } from '../ui/kinds.tsx';
import { Anchors, CardShell, CardTitle, FarCard, sameCard } from './Card.tsx';
import { highlightRing } from './kindStyles.ts';
import { useFarView } from './useFarView.ts';
import { Chip } from './Chip.tsx';
import type { ServiceFlowNode } from './flowTypes.ts';
import { labelTexts } from './layoutCluster.ts';

const TYPE_TEXT = {
  ClusterIP: 'ClusterIP',
  NodePort: 'NodePort',
  LoadBalancer: 'LoadBalancer',
  ExternalName: 'ExternalName',
} as const;

/** A Service: its virtual address, each port and where it forwards to, and what it selects. */
function ServiceCard({ data }: NodeProps<ServiceFlowNode>) {
  const { service, highlight } = data;
  const far = useFarView();
  if (far) {
    return (
      <FarCard
        kind="Service"
        name={service.name}
        className={`border-violet-300 bg-violet-50 ${highlightRing(highlight)}`}
      >
        <Anchors source target />
      </FarCard>
    );
  }
  const external = service.type === 'ExternalName';
  const address = external
    ? `CNAME ${service.externalName ?? '—'}`
    : service.headless
      ? 'None (headless)'
      : (service.clusterIP ?? 'allocating…');
  const selector = service.selector ? labelTexts(service.selector) : [];
  return (
    <CardShell
      kind="Service"
      highlight={highlight}
      className={`border-violet-300 bg-violet-50 ${service.system ? 'pp-system' : ''}`}
    >
      <Anchors source target />
      <CardTitle
        kind="Service"
        name={service.name}
        badge={
          <span className="rounded bg-violet-700 px-1.5 py-px text-[10px] font-semibold text-white">
            {service.headless ? 'Headless' : TYPE_TEXT[service.type]}
          </span>
        }
      />
      <div className="flex h-[20px] items-center gap-2 font-mono text-[12px] text-slate-700">
        <span
          title={external ? 'DNS alias' : 'ClusterIP'}
          className={
            service.clusterIP || external || service.headless ? '' : 'text-slate-500 italic'
          }
        >
          {address}
        </span>
        {service.namespace !== 'default' && (
          <NamespaceTag name={service.namespace} className="ml-auto" />
        )}
      </div>
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
          <span aria-hidden="true">→</span>
          <span className="sr-only">to</span>
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
      {selector.length > 0 && (
        <div className="mt-[6px] flex flex-wrap gap-1">
          {selector.map((text) => (
            <Chip key={text} text={text} tone="service" />
          ))}
        </div>
      )}
      <div className="mt-1 flex h-[20px] items-center text-[12px] text-slate-600">
        {external ? (
          'DNS answers with a CNAME; no proxying'
        ) : selector.length === 0 ? (
          <span className="text-amber-800">No selector: selects no pods</span>
        ) : (
          <>
            {service.readyEndpoints} of {service.totalEndpoints} endpoint
            {service.totalEndpoints === 1 ? '' : 's'} ready
          </>
        )}
      </div>
    </CardShell>
  );
}

export const ServiceNode = memo(ServiceCard, sameCard);
