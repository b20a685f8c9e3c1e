import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { NamespaceTag } from '../ui/kinds.tsx';
import { Anchors, CardShell, CardTitle, FarCard, sameCard } from './Card.tsx';
import { highlightRing } from './kindStyles.ts';
import { useFarView } from './useFarView.ts';
import type { IngressFlowNode } from './flowTypes.ts';

/** An Ingress: its class and TLS hosts, then one line per rule path and the default backend. */
function Ingress({ data }: NodeProps<IngressFlowNode>) {
  const { ingress: view, highlight } = data;
  const far = useFarView();
  if (far) {
    return (
      <FarCard
        kind="Ingress"
        name={view.ingress.name}
        className={`border-blue-300 bg-blue-50 ${highlightRing(highlight)}`}
      >
        <Anchors source target />
      </FarCard>
    );
  }
  const { ingress } = view;
  const tlsHosts = (ingress.tls ?? []).flatMap((t) => t.hosts);
  const lines = ingress.rules.flatMap((rule, ri) =>
    rule.paths.length === 0
      ? [{ id: `${ri}`, host: rule.host ?? '*', path: '', to: 'no paths' }]
      : rule.paths.map((p, pi) => ({
          id: `${ri}.${pi}`,
          host: rule.host ?? '*',
          path: `${p.path ?? '/'}${p.pathType === 'Exact' ? '' : p.pathType === 'Prefix' ? '*' : '~'}`,
          to: `${p.backend.service}:${p.backend.port}`,
        })),
  );
  return (
    <CardShell kind="Ingress" highlight={highlight} className="border-blue-300 bg-blue-50">
      <Anchors source target />
      <CardTitle kind="Ingress" name={ingress.name} />
      <div className="flex h-[20px] items-center gap-2 overflow-hidden text-[12px] whitespace-nowrap text-slate-600">
        <span>class {ingress.ingressClassName ?? 'default'}</span>
        {tlsHosts.length > 0 && (
          <span className="truncate" title={`TLS for ${tlsHosts.join(', ')}`}>
            <svg
              aria-hidden="true"
              viewBox="0 0 16 16"
              className="mr-0.5 inline h-3 w-3 align-[-1px]"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.5"
            >
              <rect x="3" y="7" width="10" height="7" rx="1.5" />
              <path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" />
            </svg>
            TLS {tlsHosts.join(', ')}
          </span>
        )}
        {view.namespace !== 'default' && <NamespaceTag name={view.namespace} className="ml-auto" />}
      </div>
      <ul aria-label={`Rules of ${ingress.name}`}>
        {lines.length === 0 && !ingress.defaultBackend && (
          <li className="h-[20px] text-[12px] text-amber-800">No rules: every request gets 404</li>
        )}
        {lines.map((l) => (
          <li
            key={l.id}
            className="flex h-[20px] items-center gap-1 overflow-hidden font-mono text-[11.5px] whitespace-nowrap text-blue-950"
          >
            <span className="truncate">
              {l.host}
              {l.path}
            </span>
            <span aria-hidden="true">→</span>
            <span className="sr-only">to</span>
            <span className="shrink-0 font-semibold">{l.to}</span>
          </li>
        ))}
        {ingress.defaultBackend && (
          <li className="flex h-[20px] items-center gap-1 font-mono text-[11.5px] text-blue-950">
            <span className="text-slate-500">default</span>
            <span aria-hidden="true">→</span>
            <span className="sr-only">to</span>
            <span className="font-semibold">
              {ingress.defaultBackend.service}:{ingress.defaultBackend.port}
            </span>
          </li>
        )}
      </ul>
    </CardShell>
  );
}

export const IngressNode = memo(Ingress, sameCard);
