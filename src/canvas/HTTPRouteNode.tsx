import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { HTTPRouteMatch } from '../engine/gateway/gatewaySpec.ts';
import { NamespaceTag } from '../ui/kinds.tsx';
import { Anchors, CardShell, CardTitle, FarCard, sameCard } from './Card.tsx';
import { highlightRing } from './kindStyles.ts';
import { useFarView } from './useFarView.ts';
import type { HTTPRouteFlowNode } from './flowTypes.ts';

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

/**
 * An HTTPRoute: its hostnames, one line per rule (the matches, then the backends with their
 * weights or the filter that answers instead), and the route's status from the engine.
 */
function HTTPRoute({ data }: NodeProps<HTTPRouteFlowNode>) {
  const { route: view, highlight } = data;
  const far = useFarView();
  const tone = 'border-sky-300 bg-sky-50';
  if (far) {
    return (
      <FarCard
        kind="HTTPRoute"
        name={view.route.name}
        className={`${tone} ${highlightRing(highlight)}`}
      >
        <Anchors source target />
      </FarCard>
    );
  }
  const { route, summary } = view;
  const rules = route.rules ?? [{}];
  const rejected = summary?.parents.find((p) => !p.accepted);
  const attached = summary?.parents.filter((p) => p.accepted).flatMap((p) => p.listeners) ?? [];
  return (
    <CardShell kind="HTTPRoute" highlight={highlight} className={tone}>
      <Anchors source target />
      <CardTitle kind="HTTPRoute" name={route.name} />
      <div className="flex h-[20px] items-center gap-2 overflow-hidden text-[12px] whitespace-nowrap text-slate-600">
        <span className="truncate font-mono">
          {(route.hostnames ?? []).join(', ') || 'any host'}
        </span>
        {view.namespace !== 'default' && <NamespaceTag name={view.namespace} className="ml-auto" />}
      </div>
      <ul aria-label={`Rules of ${route.name}`}>
        {rules.map((rule, i) => {
          const redirect = rule.filters?.find((f) => f.type === 'RequestRedirect');
          const to = redirect
            ? `redirect ${redirect.requestRedirect?.statusCode ?? 302}`
            : (rule.backendRefs ?? []).length === 0
              ? 'no backend'
              : (rule.backendRefs ?? [])
                  .map((b) =>
                    (rule.backendRefs ?? []).length > 1
                      ? `${b.name} ×${b.weight ?? 1}`
                      : `${b.name}:${b.port ?? '?'}`,
                  )
                  .join(', ');
          return (
            <li
              key={i}
              className="flex h-[20px] items-center gap-1 overflow-hidden font-mono text-[11.5px] whitespace-nowrap text-sky-950"
            >
              <span className="text-slate-500">{i + 1}</span>
              <span className="truncate">{(rule.matches ?? [{}]).map(matchText).join(' | ')}</span>
              <span aria-hidden="true">→</span>
              <span className="sr-only">to</span>
              <span className="shrink-0 font-semibold">{to}</span>
            </li>
          );
        })}
      </ul>
      <div
        className={`h-[20px] truncate text-[12px] ${
          !summary
            ? 'text-slate-500'
            : rejected || !summary.resolvedRefs.status
              ? 'text-rose-700'
              : 'text-emerald-800'
        }`}
        title={rejected?.message ?? summary?.resolvedRefs.message}
      >
        {!summary
          ? '…'
          : rejected
            ? `Not attached: ${rejected.reason}`
            : !summary.resolvedRefs.status
              ? `Attached; ${summary.resolvedRefs.reason}`
              : `Attached to ${attached.join(', ')}`}
      </div>
    </CardShell>
  );
}

export const HTTPRouteNode = memo(HTTPRoute, sameCard);
