import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { HTTPRouteMatch, HTTPRouteRule } from '../engine/gateway/gatewaySpec.ts';
import { KindCard, sameCard } from './Card.tsx';
import { ArrowTo, NamespaceRow } from './cardRows.tsx';
import type { HTTPRouteFlowNode, HTTPRouteView } from './flowTypes.ts';

/** A match as written: `GET /api*` with `h:` and `q:` for headers and query parameters. */
export function matchText(m: HTTPRouteMatch): string {
  const path = m.path?.value ?? '/';
  return [
    m.method,
    `${path}${(m.path?.type ?? 'PathPrefix') === 'PathPrefix' ? '*' : ''}`,
    ...(m.headers ?? []).map((h) => `h:${h.name}=${h.value}`),
    ...(m.queryParams ?? []).map((q) => `q:${q.name}=${q.value}`),
  ]
    .filter(Boolean)
    .join(' ');
}

/** Where a rule sends a request: its redirect, or its backends (with weights when several). */
function ruleTarget(rule: HTTPRouteRule): string {
  const redirect = rule.filters?.find((f) => f.type === 'RequestRedirect');
  if (redirect) return `redirect ${redirect.requestRedirect?.statusCode ?? 302}`;
  const backends = rule.backendRefs ?? [];
  if (backends.length === 0) return 'no backend';
  return backends
    .map((b) =>
      backends.length > 1 ? `${b.name} ×${b.weight ?? 1}` : `${b.name}:${b.port ?? '?'}`,
    )
    .join(', ');
}

/** The route's status line and its colour: pending, not attached, attached with bad refs, attached. */
function routeStatus({ summary }: HTTPRouteView): { text: string; tone: string; title?: string } {
  if (!summary) return { text: '…', tone: 'text-slate-500' };
  const rejected = summary.parents.find((p) => !p.accepted);
  const title = rejected?.message ?? summary.resolvedRefs.message;
  if (rejected) return { text: `Not attached: ${rejected.reason}`, tone: 'text-rose-700', title };
  if (!summary.resolvedRefs.status) {
    return { text: `Attached; ${summary.resolvedRefs.reason}`, tone: 'text-rose-700', title };
  }
  const attached = summary.parents.filter((p) => p.accepted).flatMap((p) => p.listeners);
  return { text: `Attached to ${attached.join(', ')}`, tone: 'text-emerald-800', title };
}

/**
 * An HTTPRoute: its hostnames, one line per rule (the matches, then the backends with their
 * weights or the filter that answers instead), and the route's status from the engine.
 */
function HTTPRoute({ data }: NodeProps<HTTPRouteFlowNode>) {
  const { route: view, highlight } = data;
  const { route } = view;
  return (
    <KindCard kind="HTTPRoute" name={route.name} highlight={highlight}>
      {() => {
        const status = routeStatus(view);
        return (
          <>
            <NamespaceRow
              namespace={view.namespace}
              className="overflow-hidden text-[12px] whitespace-nowrap text-slate-600"
            >
              <span className="truncate font-mono">
                {(route.hostnames ?? []).join(', ') || 'any host'}
              </span>
            </NamespaceRow>
            <ul aria-label={`Rules of ${route.name}`}>
              {(route.rules ?? [{}]).map((rule, i) => (
                <li
                  key={i}
                  className="flex h-[20px] items-center gap-1 overflow-hidden font-mono text-[11.5px] whitespace-nowrap text-sky-950"
                >
                  <span className="text-slate-500">{i + 1}</span>
                  <span className="truncate">
                    {(rule.matches ?? [{}]).map(matchText).join(' | ')}
                  </span>
                  <ArrowTo />
                  <span className="shrink-0 font-semibold">{ruleTarget(rule)}</span>
                </li>
              ))}
            </ul>
            <div className={`h-[20px] truncate text-[12px] ${status.tone}`} title={status.title}>
              {status.text}
            </div>
          </>
        );
      }}
    </KindCard>
  );
}

export const HTTPRouteNode = memo(HTTPRoute, sameCard);
