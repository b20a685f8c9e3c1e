/**
 * Who can reach whom: every pod by every pod, for one port and protocol, grouped by namespace,
 * as the worker computes it from the NetworkPolicies (and Cilium's own policies where the cluster
 * runs Cilium; a connection that goes through Cilium's Envoy for HTTP rules is marked L7). A
 * click on a cell plays that flow.
 */
import { useId, useMemo, useState } from 'react';
import type { CiliumPolicySpec } from '../../engine/cilium/ciliumSpec.ts';
import type { NetworkPolicySpec } from '../../engine/spec.ts';
import { appStore, useAppValues } from '../../store/appStore.ts';
import { parsePort } from '../../store/documentChecks.ts';
import { canReach } from '../../store/matrixCells.ts';
import {
  selectCluster,
  selectMatrixCell,
  selectModel,
  selectPolicyAnalysis,
  selectReachabilityQuery,
  selectShowSystem,
} from '../../store/selectors.ts';
import { PROTOCOL_CHOICES, SelectField } from '../inspector/fields.tsx';
import { countAllowed, groupMatrixPods, limitGroups } from './matrixLayout.ts';
import { useRovingGrid } from './useRovingGrid.ts';

/** A cell's width and height in pixels. */
const CELL = 26;
/** Past this many pods the matrix shows the first ones only. */
const MAX_PODS = 60;

/** Numeric ports the policies name (Cilium's toPorts too): quick picks for the port field. */
function policyPorts(
  policies: readonly NetworkPolicySpec[] | undefined,
  cilium: readonly CiliumPolicySpec[] | undefined,
): string[] {
  const out = new Set<string>();
  for (const p of policies ?? []) {
    for (const rule of [...(p.ingress ?? []), ...(p.egress ?? [])]) {
      for (const port of rule.ports ?? []) {
        if (typeof port.port === 'number') out.add(`${port.protocol ?? 'TCP'}/${port.port}`);
      }
    }
  }
  for (const p of cilium ?? []) {
    for (const rule of [...(p.ingress ?? []), ...(p.egress ?? [])]) {
      for (const entry of (rule.toPorts ?? []).flatMap((t) => t.ports ?? [])) {
        const protocol = entry.protocol && entry.protocol !== 'ANY' ? entry.protocol : 'TCP';
        if (entry.port && /^[1-9]\d*$/.test(entry.port)) out.add(`${protocol}/${entry.port}`);
      }
    }
  }
  return [...out].slice(0, 6);
}

/**
 * A namespace's name over its columns (across) or beside its rows, never longer than its pods'
 * cells: the name never widens a column, one cell per pod, all the same.
 */
function NamespaceHeader({
  group,
  across,
}: {
  readonly group: { readonly namespace: string; readonly pods: readonly unknown[] };
  readonly across: boolean;
}) {
  const length = group.pods.length * CELL;
  return (
    <th
      colSpan={across ? group.pods.length : undefined}
      rowSpan={across ? undefined : group.pods.length}
      scope={across ? 'colgroup' : 'rowgroup'}
      className={
        across
          ? 'border-b border-l border-slate-200 px-0 text-center font-semibold text-slate-600'
          : 'sticky left-0 z-10 border-t border-slate-200 bg-white px-1 text-left align-top font-semibold text-slate-600'
      }
    >
      <span
        title={group.namespace}
        style={across ? { width: length } : { maxHeight: length }}
        className={
          across
            ? 'block truncate px-0.5'
            : 'inline-block truncate [writing-mode:vertical-rl] rotate-180'
        }
      >
        {group.namespace}
      </span>
    </th>
  );
}

export function ReachabilityMatrix() {
  const { analysis, query, model, cluster, showSystem, cell } = useAppValues({
    analysis: selectPolicyAnalysis,
    query: selectReachabilityQuery,
    model: selectModel,
    cluster: selectCluster,
    showSystem: selectShowSystem,
    cell: selectMatrixCell,
  });
  const portId = useId();
  const [portText, setPortText] = useState<{ port: number; text: string }>({
    port: query.port,
    text: String(query.port),
  });
  if (portText.port !== query.port) setPortText({ port: query.port, text: String(query.port) });
  const portError = (() => {
    const parsed = parsePort(portText.text);
    return 'error' in parsed ? parsed.error : null;
  })();

  const matrix = analysis?.matrix ?? null;
  const hidden = useMemo(
    () =>
      new Set(
        showSystem
          ? []
          : (model?.pods ?? []).filter((p) => p.system).map((p) => `${p.namespace}/${p.name}`),
      ),
    [model, showSystem],
  );
  const { groups, left } = useMemo(
    () => limitGroups(groupMatrixPods(matrix?.pods ?? [], hidden), MAX_PODS),
    [matrix, hidden],
  );
  const pods = groups.flatMap((g) => g.pods);
  // Each namespace's first row in the grid (rows run on across namespaces).
  const rowStart = groups.map((_, i) => groups.slice(0, i).reduce((n, g) => n + g.pods.length, 0));
  const grid = useRovingGrid(pods.length, pods.length);
  const counts = matrix
    ? countAllowed(groups, (from, to) => canReach(matrix, from, to) === true)
    : null;
  const stale =
    analysis !== null && (analysis.status === 'running' || analysis.cluster !== cluster);
  const what = `${query.protocol} ${query.port}`;
  const setQuery = appStore.getState().setReachabilityQuery;

  return (
    <section aria-label="Reachability matrix" className="flex flex-col gap-2 px-4 py-3">
      <div className="flex flex-wrap items-center gap-2">
        {/* One line, "Who can reach whom on TCP 80": the rows need the height on a projector. */}
        <h3 className="self-center text-[13px] font-semibold text-slate-900">
          Who can reach whom <span className="font-normal text-slate-600">on</span>
        </h3>
        <SelectField
          label="Protocol"
          name="Matrix protocol"
          hideLabel
          value={query.protocol}
          options={PROTOCOL_CHOICES}
          onChange={(protocol) => setQuery({ ...query, protocol })}
          className="w-[72px]"
        />
        <div className="flex flex-col">
          <label htmlFor={portId} className="sr-only">
            Port
          </label>
          <input
            id={portId}
            aria-label="Matrix port"
            inputMode="numeric"
            className="h-8 w-[68px] rounded-md border border-slate-300 bg-white px-2 font-mono text-[13px] focus:border-sky-500 focus:ring-2 focus:ring-sky-200 focus:outline-none aria-[invalid=true]:border-red-500"
            value={portText.text}
            aria-invalid={portError ? true : undefined}
            onChange={(e) => {
              const text = e.target.value;
              const parsed = parsePort(text);
              setPortText({ port: query.port, text });
              if (!('error' in parsed) && parsed.value !== query.port) {
                setQuery({ ...query, port: parsed.value });
              }
            }}
          />
        </div>
      </div>
      {policyPorts(cluster.networkPolicies, cluster.ciliumPolicies).length > 0 && (
        <div className="flex flex-wrap items-center gap-1 text-[12px] text-slate-500">
          Ports in the policies:
          {policyPorts(cluster.networkPolicies, cluster.ciliumPolicies).map((p) => {
            const [protocol, port] = p.split('/');
            const active = `${query.protocol}/${query.port}` === p;
            return (
              <button
                key={p}
                type="button"
                aria-pressed={active}
                onClick={() =>
                  setQuery({ port: Number(port), protocol: protocol as typeof query.protocol })
                }
                className={`rounded-full border px-2 py-px font-mono text-[11px] ${
                  active
                    ? 'border-sky-500 bg-sky-50 text-sky-800'
                    : 'border-slate-300 bg-white text-slate-700 hover:bg-slate-50'
                }`}
              >
                {protocol} {port}
              </button>
            );
          })}
        </div>
      )}
      {portError && <p className="text-[12px] text-red-700">{portError}</p>}
      {analysis?.status === 'error' && (
        <p role="alert" className="text-[12px] text-red-700">
          {analysis.error}
        </p>
      )}
      {matrix && pods.length > 0 ? (
        <>
          <p className="text-[12px] text-slate-600" aria-live="polite">
            {counts && (
              <>
                <span className="font-semibold text-slate-800">
                  {counts.allowed} of {counts.total}
                </span>{' '}
                connections between different pods are allowed on {what}.
              </>
            )}{' '}
            {stale && <span className="text-slate-500">Updating…</span>}
          </p>
          {left > 0 && (
            <p className="text-[12px] text-amber-800">
              Showing the first {MAX_PODS} pods; {left} more are left out of the matrix.
            </p>
          )}
          <div className={`overflow-auto ${stale ? 'opacity-60' : ''}`}>
            <table
              role="grid"
              onKeyDown={grid.onKeyDown}
              aria-label={`Who can reach whom on ${what}`}
              className="border-separate border-spacing-0 text-[11px]"
            >
              <thead>
                <tr>
                  <th
                    colSpan={2}
                    rowSpan={2}
                    scope="col"
                    className="sticky left-0 z-10 bg-white px-1 text-left align-bottom text-[10px] font-medium text-slate-500"
                  >
                    from ↓ · to →
                  </th>
                  {groups.map((g) => (
                    <NamespaceHeader key={g.namespace} group={g} across />
                  ))}
                </tr>
                <tr>
                  {groups.map((g) =>
                    g.pods.map((p, i) => (
                      <th
                        key={p.key}
                        scope="col"
                        title={p.key}
                        className={`h-[68px] w-[26px] align-bottom font-medium text-slate-700 ${i === 0 ? 'border-l border-slate-200' : ''}`}
                      >
                        <span className="inline-block max-h-[64px] truncate [writing-mode:vertical-rl] rotate-180">
                          {p.name}
                        </span>
                      </th>
                    )),
                  )}
                </tr>
              </thead>
              <tbody>
                {groups.map((g, groupIndex) =>
                  g.pods.map((from, r) => (
                    <tr key={from.key}>
                      {r === 0 && <NamespaceHeader group={g} across={false} />}
                      <th
                        scope="row"
                        title={from.key}
                        className={`sticky left-5 z-10 max-w-[120px] truncate bg-white pr-2 text-right font-medium text-slate-700 ${r === 0 ? 'border-t border-slate-200' : ''}`}
                      >
                        {from.name}
                      </th>
                      {pods.map((to, col) => {
                        const row = rowStart[groupIndex] + r;
                        const ok = canReach(matrix, from.key, to.key) === true;
                        const l7 = ok && matrix.l7?.[from.key]?.[to.key] === true;
                        const self = from.key === to.key;
                        const chosen = cell?.from === from.key && cell.to === to.key;
                        const label = `From ${from.key} to ${to.key}: ${
                          l7
                            ? 'allowed, each HTTP request checked by Cilium (L7)'
                            : ok
                              ? 'allowed'
                              : 'denied'
                        }`;
                        return (
                          <td key={to.key} className="p-px">
                            <button
                              type="button"
                              aria-label={label}
                              title={`${label}. Click to play this flow.`}
                              aria-pressed={chosen}
                              data-cell={`${row}:${col}`}
                              tabIndex={grid.tabIndexOf(row, col)}
                              onFocus={() => grid.onCellFocus(row, col)}
                              onClick={() =>
                                void appStore
                                  .getState()
                                  .playMatrixCell({ from: from.key, to: to.key })
                              }
                              className={`grid h-6 w-6 place-items-center rounded-[5px] text-[12px] font-bold focus-visible:ring-2 focus-visible:ring-sky-400 focus-visible:outline-none ${
                                l7
                                  ? 'bg-amber-100 text-[9.5px] text-amber-800 hover:bg-amber-200'
                                  : ok
                                    ? self
                                      ? 'bg-emerald-50 text-emerald-400'
                                      : 'bg-emerald-100 text-emerald-700 hover:bg-emerald-200'
                                    : 'bg-red-100 text-red-700 hover:bg-red-200'
                              } ${chosen ? 'ring-2 ring-sky-500 ring-offset-1' : ''}`}
                            >
                              <span aria-hidden="true">{l7 ? 'L7' : ok ? '✓' : '✕'}</span>
                            </button>
                          </td>
                        );
                      })}
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </div>
          <p className="text-[11px] text-slate-500">
            A connection needs egress allowed at the source and ingress allowed at the destination.
            Click a cell (or reach it with the arrow keys and press Enter) to send that packet and
            see which policy decided.
          </p>
          {Object.keys(matrix.l7 ?? {}).length > 0 && (
            <p className="text-[11px] text-slate-500">
              <span className="rounded bg-amber-100 px-1 font-bold text-amber-800">L7</span> the
              connection is allowed by a Cilium rule with HTTP rules: Cilium&apos;s Envoy reads each
              request and answers 403 to one no rule allows (a NetworkPolicy cannot do this).
            </p>
          )}
        </>
      ) : (
        <p className="text-[12px] text-slate-500">
          {analysis === null || analysis.status === 'running'
            ? 'Computing who can reach whom…'
            : 'No pods yet: add pods to see who can reach whom.'}
        </p>
      )}
    </section>
  );
}
