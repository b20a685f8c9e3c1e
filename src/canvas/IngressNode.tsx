import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { IngressSpec } from '../engine/spec.ts';
import { KindCard, sameCard } from './Card.tsx';
import { ArrowTo, NamespaceRow } from './cardRows.tsx';
import type { IngressFlowNode } from './flowTypes.ts';

/** One line per rule path (`host/path*` and its backend); a rule without paths says so. */
function ruleLines(ingress: IngressSpec) {
  return ingress.rules.flatMap((rule, ri) =>
    rule.paths.length === 0
      ? [{ id: `${ri}`, host: rule.host ?? '*', path: '', to: 'no paths' }]
      : rule.paths.map((p, pi) => ({
          id: `${ri}.${pi}`,
          host: rule.host ?? '*',
          path: `${p.path ?? '/'}${p.pathType === 'Exact' ? '' : p.pathType === 'Prefix' ? '*' : '~'}`,
          to: `${p.backend.service}:${p.backend.port}`,
        })),
  );
}

function Padlock() {
  return (
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
  );
}

/** An Ingress: its class and TLS hosts, then one line per rule path and the default backend. */
function Ingress({ data }: NodeProps<IngressFlowNode>) {
  const { ingress: view, highlight } = data;
  const { ingress } = view;
  return (
    <KindCard kind="Ingress" name={ingress.name} highlight={highlight}>
      {() => {
        const tlsHosts = (ingress.tls ?? []).flatMap((t) => t.hosts);
        const lines = ruleLines(ingress);
        return (
          <>
            <NamespaceRow
              namespace={view.namespace}
              className="overflow-hidden text-[12px] whitespace-nowrap text-slate-600"
            >
              <span>class {ingress.ingressClassName ?? 'default'}</span>
              {tlsHosts.length > 0 && (
                <span className="truncate" title={`TLS for ${tlsHosts.join(', ')}`}>
                  <Padlock />
                  TLS {tlsHosts.join(', ')}
                </span>
              )}
            </NamespaceRow>
            <ul aria-label={`Rules of ${ingress.name}`}>
              {lines.length === 0 && !ingress.defaultBackend && (
                <li className="h-[20px] text-[12px] text-amber-800">
                  No rules: every request gets 404
                </li>
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
                  <ArrowTo />
                  <span className="shrink-0 font-semibold">{l.to}</span>
                </li>
              ))}
              {ingress.defaultBackend && (
                <li className="flex h-[20px] items-center gap-1 font-mono text-[11.5px] text-blue-950">
                  <span className="text-slate-500">default</span>
                  <ArrowTo />
                  <span className="font-semibold">
                    {ingress.defaultBackend.service}:{ingress.defaultBackend.port}
                  </span>
                </li>
              )}
            </ul>
          </>
        );
      }}
    </KindCard>
  );
}

export const IngressNode = memo(Ingress, sameCard);
