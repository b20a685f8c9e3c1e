/**
 * "New policy": the ready-made policies to start from, added to the namespace being worked on
 * as one document edit.
 */
import { useMenuButton } from '../../ui/useMenuButton.ts';
import type { ClusterSpec } from '../../engine/spec.ts';
import { NAMESPACE_NAME_LABEL } from '../../scenario/describePolicy.ts';
import {
  POLICY_TEMPLATES,
  policyFromTemplate,
  type PolicyTemplateId,
} from '../../scenario/policyTemplates.ts';
import { appStore } from '../../store/appStore.ts';
import { policyKey } from '../../scenario/document/elementKey.ts';

const SYSTEM = new Set(['kube-system', 'ingress-nginx', 'ingress-controller']);

/** A label of another namespace to allow from: one the person set, else its name label. */
function otherNamespaceLabel(cluster: ClusterSpec, namespace: string) {
  const others = [
    ...(cluster.namespaces ?? []),
    ...cluster.pods.map((p) => ({ name: p.namespace ?? 'default', labels: undefined })),
  ].filter((n) => n.name !== namespace && !SYSTEM.has(n.name));
  const labelled = others.find((n) => Object.keys(n.labels ?? {}).length > 0);
  if (labelled?.labels) {
    const [key, value] = Object.entries(labelled.labels)[0];
    return { key, value };
  }
  return others[0] ? { key: NAMESPACE_NAME_LABEL, value: others[0].name } : undefined;
}

/** Adds a policy from a template to a namespace; returns its key. */
export function addPolicyFromTemplate(id: PolicyTemplateId, namespace: string): string {
  const { document, editDocument } = appStore.getState();
  const cluster = document.cluster;
  const taken = new Set(
    (cluster.networkPolicies ?? [])
      .filter((p) => (p.namespace ?? 'default') === namespace)
      .map((p) => p.name),
  );
  const label = otherNamespaceLabel(cluster, namespace);
  const policy = policyFromTemplate(id, {
    namespace,
    taken,
    ...(label ? { fromNamespaceLabel: label } : {}),
  });
  editDocument((doc) => ({
    ...doc,
    cluster: {
      ...doc.cluster,
      networkPolicies: [...(doc.cluster.networkPolicies ?? []), policy],
    },
  }));
  return policyKey(policy);
}

export function TemplateMenu({
  namespace,
  onAdded,
}: {
  /** Where new policies go. */
  readonly namespace: string;
  readonly onAdded: (key: string) => void;
}) {
  const { open, setOpen, buttonProps, menuProps } = useMenuButton();

  return (
    <div className="relative">
      <button
        {...buttonProps}
        className="inline-flex h-8 items-center gap-1.5 rounded-md bg-sky-600 px-3 text-[13px] font-semibold text-white shadow-sm hover:bg-sky-700 focus-visible:ring-2 focus-visible:ring-sky-300 focus-visible:outline-none"
      >
        New policy
        <span aria-hidden="true" className="text-[10px]">
          ▲
        </span>
      </button>
      {/* The workbench sits at the bottom of the page: the menu opens upward, over the canvas. */}
      {open && (
        <div
          {...menuProps}
          className="absolute bottom-full left-0 z-50 mb-1.5 max-h-[70vh] w-96 overflow-y-auto rounded-lg border border-slate-200 bg-white py-1.5 shadow-xl"
        >
          <p className="px-3 pb-1 text-[11px] font-semibold tracking-wide text-slate-500 uppercase">
            Start from, in {namespace}
          </p>
          {POLICY_TEMPLATES.map((t) => (
            <button
              key={t.id}
              type="button"
              role="menuitem"
              tabIndex={-1}
              onClick={() => {
                setOpen(false);
                onAdded(addPolicyFromTemplate(t.id, namespace));
              }}
              className="flex w-full flex-col items-start px-3 py-1.5 text-left hover:bg-slate-50 focus:bg-sky-50 focus:outline-none"
            >
              <span className="text-[13px] font-medium text-slate-900">{t.title}</span>
              <span className="text-[12px] leading-snug text-slate-500">{t.description}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
