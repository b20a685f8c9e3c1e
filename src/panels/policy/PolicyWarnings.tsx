/**
 * Warnings that teach: what in these policies will surprise someone in a real cluster, with a
 * one-click fix where there is an obvious one.
 */
import type { PolicyWarning } from '../../scenario/policyLint.ts';
import { policyFromTemplate } from '../../scenario/policyTemplates.ts';
import { appStore, useAppStore } from '../../store/appStore.ts';
import { proxyFitsCni } from '../../scenario/document/clusterOptions.ts';
import { updateSettings } from '../../scenario/document/edits/updateElements.ts';
import { policyKey } from '../../scenario/document/elementKey.ts';
import { selectCluster, selectPolicyAnalysis } from '../../store/selectors.ts';
import { SmallButton } from '../inspector/formLayout.tsx';

function addAllowDns(namespaces: readonly string[]) {
  const { editDocument, setWorkbenchPolicyKey } = appStore.getState();
  let last: string | null = null;
  editDocument((doc) => {
    const list = [...(doc.cluster.networkPolicies ?? [])];
    for (const namespace of new Set(namespaces)) {
      const taken = new Set(
        list.filter((p) => (p.namespace ?? 'default') === namespace).map((p) => p.name),
      );
      const policy = policyFromTemplate('allow-dns', { namespace, taken });
      list.push(policy);
      last = policyKey(policy);
    }
    return { ...doc, cluster: { ...doc.cluster, networkPolicies: list } };
  });
  if (last) setWorkbenchPolicyKey(last);
}

function switchToCalico() {
  appStore
    .getState()
    .editDocument((doc) =>
      updateSettings(doc, (s) => ({ ...s, cni: { plugin: 'calico', mode: 'bgp' } })),
    );
}

export function PolicyWarnings() {
  const analysis = useAppStore(selectPolicyAnalysis);
  const cluster = useAppStore(selectCluster);
  // Warnings for another cluster would mislead; the next answer is a moment away.
  const warnings =
    analysis && analysis.status !== 'error' && (cluster.networkPolicies ?? []).length > 0
      ? analysis.warnings
      : [];
  if (warnings.length === 0) return null;
  return (
    <section
      aria-label="Policy warnings"
      className="max-h-[35%] shrink-0 overflow-y-auto border-b border-amber-200 bg-amber-50/70 px-4 py-1.5"
    >
      <ul className="flex flex-col">
        {warnings.map((w, i) => (
          <WarningItem
            key={w.id}
            warning={w}
            // The first is read in full; the others open on a click.
            open={i === 0}
            // Offered only when the cluster's service proxy also runs with Calico.
            calicoFits={proxyFitsCni(cluster.settings.proxyMode, 'calico')}
          />
        ))}
      </ul>
    </section>
  );
}

function WarningItem({
  warning,
  open,
  calicoFits,
}: {
  readonly warning: PolicyWarning;
  readonly open: boolean;
  readonly calicoFits: boolean;
}) {
  const fix =
    warning.kind === 'egress-blocks-dns' ? (
      <SmallButton onClick={() => addAllowDns(warning.policies.map((p) => p.namespace))}>
        Add “Allow DNS”
      </SmallButton>
    ) : warning.kind === 'not-enforced' && calicoFits ? (
      <SmallButton onClick={switchToCalico}>Switch to Calico</SmallButton>
    ) : null;
  return (
    <li className="flex items-start gap-2 py-0.5 text-[12px] leading-snug text-amber-950">
      <details open={open} className="group min-w-0 flex-1">
        <summary className="flex cursor-pointer list-none items-center gap-1.5 py-1 font-semibold marker:hidden">
          <span aria-hidden="true" className="text-amber-600">
            ⚠
          </span>
          {warning.title}
          <span
            aria-hidden="true"
            className="text-[10px] font-normal text-amber-700 group-open:rotate-90"
          >
            ▶
          </span>
        </summary>
        <p className="pb-1 pl-5">{warning.message}</p>
      </details>
      {fix && <span className="pt-0.5">{fix}</span>}
    </li>
  );
}
