import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { KindCard, sameCard } from './Card.tsx';
import { counted, NamespaceRow } from './cardRows.tsx';
import type { GatewayFlowNode } from './flowTypes.ts';

/**
 * A Gateway: its class and address, then one line per listener (port, protocol, hostname, TLS)
 * with the number of routes attached there, as the controller counts them.
 */
function Gateway({ data }: NodeProps<GatewayFlowNode>) {
  const { gateway: view, highlight } = data;
  const { gateway, summary } = view;
  return (
    <KindCard kind="Gateway" name={gateway.name} highlight={highlight}>
      {() => {
        const attached = new Map(summary?.listeners.map((l) => [l.name, l.attachedRoutes]));
        return (
          <>
            <NamespaceRow
              namespace={view.namespace}
              className="overflow-hidden text-[12px] whitespace-nowrap text-slate-600"
            >
              <span className="truncate">class {gateway.gatewayClassName}</span>
              {summary && !summary.programmed ? (
                <span className="text-rose-700">no such class: not programmed</span>
              ) : (
                <span className="font-mono text-indigo-950">{summary?.address ?? '…'}</span>
              )}
            </NamespaceRow>
            <ul aria-label={`Listeners of ${gateway.name}`}>
              {gateway.listeners.map((l) => {
                const n = attached.get(l.name);
                return (
                  <li
                    key={l.name}
                    className="flex h-[20px] items-center gap-1.5 overflow-hidden font-mono text-[11.5px] whitespace-nowrap text-indigo-950"
                  >
                    <span className="font-semibold">{l.name}</span>
                    <span>
                      :{l.port} {l.protocol}
                    </span>
                    <span className="truncate text-slate-600">{l.hostname ?? '*'}</span>
                    <span className="ml-auto shrink-0 font-sans text-[11px] text-slate-600">
                      {n === undefined ? '…' : counted(n, 'route')}
                    </span>
                  </li>
                );
              })}
            </ul>
          </>
        );
      }}
    </KindCard>
  );
}

export const GatewayNode = memo(Gateway, sameCard);
