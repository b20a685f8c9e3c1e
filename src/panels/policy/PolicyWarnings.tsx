/**
 * Warnings that teach: what in these policies will surprise someone in a real cluster, with a
 * one-click fix where there is an obvious one.
 */
import type { PolicyWarning } from '../../scenario/policyLint.ts';
import { policyFromTemplate } from '../../scenario/policyTemplates.ts';
import { appStore, useAppStore } from '../../store/appStore.ts';
import { policyKey, updateSettings } from '../../store/documentEdits.ts';
import { selectCluster, selectPolicyAnalysis } from '../../store/selectors.ts';
import { SmallButton } from '../inspector/fields.tsx';

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
      className="flex max-h-[30%] shrink-0 flex-col gap-1 overflow-y-auto border-b border-amber-200 bg-amber-50/70 px-4 py-2"
    >
      <ul className="flex flex-col gap-1">
        {warnings.map((w) => (
          <WarningItem key={w.id} warning={w} ebpf={cluster.settings.proxyMode === 'ebpf'} />
        ))}
      </ul>
    </section>
  );
}

function WarningItem({
  warning,
  ebpf,
}: {
  readonly warning: PolicyWarning;
  readonly ebpf: boolean;
}) {
  const fix =
    warning.kind === 'egress-blocks-dns' ? (
      <SmallButton onClick={() => addAllowDns(warning.policies.map((p) => p.namespace))}>
        Add “Allow DNS”
      </SmallButton>
    ) : warning.kind === 'not-enforced' && !ebpf ? (
      <SmallButton onClick={switchToCalico}>Switch to Calico</SmallButton>
    ) : null;
  return (
    <li className="flex items-start gap-2 text-[12px] leading-snug text-amber-950">
      <span aria-hidden="true" className="mt-px font-bold text-amber-600">
        ⚠
      </span>
      <p className="min-w-0 flex-1">
        <strong className="font-semibold">{warning.title}.</strong> {warning.message}
      </p>
      {fix}
    </li>
  );
}
