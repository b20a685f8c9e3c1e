/**
 * Ready-made NetworkPolicies to start from: the patterns almost every cluster needs, written as
 * the Kubernetes documentation writes them.
 */
import { DEFAULT_NAMESPACE, type Labels, type NetworkPolicySpec } from '../engine/spec.ts';
import { NAMESPACE_NAME_LABEL } from './describePolicy.ts';

export const PolicyTemplateId = {
  DefaultDenyIngress: 'default-deny-ingress',
  DefaultDenyEgress: 'default-deny-egress',
  AllowDns: 'allow-dns',
  AllowSameNamespace: 'allow-same-namespace',
  AllowFromNamespace: 'allow-from-namespace',
} as const;
export type PolicyTemplateId = (typeof PolicyTemplateId)[keyof typeof PolicyTemplateId];

export interface PolicyTemplateContext {
  /** The namespace the policy goes into. */
  readonly namespace: string;
  /** Names of the policies already in that namespace; the new one gets a free name. */
  readonly taken?: ReadonlySet<string>;
  /** For "allow from a namespace by label": the label the other namespace carries. */
  readonly fromNamespaceLabel?: { readonly key: string; readonly value: string };
}

export interface PolicyTemplate {
  readonly id: PolicyTemplateId;
  readonly title: string;
  /** What it does, in one sentence. */
  readonly description: string;
}

export const POLICY_TEMPLATES: readonly PolicyTemplate[] = [
  {
    id: 'default-deny-ingress',
    title: 'Default deny ingress',
    description:
      'Isolates every pod of the namespace for ingress: nothing gets in until another policy allows it.',
  },
  {
    id: 'default-deny-egress',
    title: 'Default deny egress',
    description:
      'Isolates every pod of the namespace for egress: nothing gets out, DNS lookups included, until another policy allows it.',
  },
  {
    id: 'allow-dns',
    title: 'Allow DNS',
    description:
      'Lets every pod of the namespace reach CoreDNS (k8s-app=kube-dns in kube-system) on UDP and TCP 53.',
  },
  {
    id: 'allow-same-namespace',
    title: 'Allow from the same namespace',
    description: 'Lets every pod of the namespace be reached by any pod of the same namespace.',
  },
  {
    id: 'allow-from-namespace',
    title: 'Allow from a namespace by label',
    description:
      'Lets every pod of the namespace be reached by any pod in namespaces that carry a label.',
  },
];

/** `base` if free, else `base-2`, `base-3`, ... */
export function freePolicyName(taken: ReadonlySet<string>, base: string): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

const DNS_PEER = {
  namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: 'kube-system' } },
  podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
};

/** The template as a policy for one namespace, named so it does not clash. */
export function policyFromTemplate(
  id: PolicyTemplateId,
  context: PolicyTemplateContext,
): NetworkPolicySpec {
  const { namespace } = context;
  const label = context.fromNamespaceLabel ?? { key: NAMESPACE_NAME_LABEL, value: 'monitoring' };
  const base = (() => {
    switch (id) {
      case 'default-deny-ingress':
        return { name: 'default-deny-ingress', spec: { policyTypes: ['Ingress' as const] } };
      case 'default-deny-egress':
        return {
          name: 'default-deny-egress',
          spec: { policyTypes: ['Egress' as const], egress: [] },
        };
      case 'allow-dns':
        return {
          name: 'allow-dns',
          spec: {
            policyTypes: ['Egress' as const],
            egress: [
              {
                to: [DNS_PEER],
                ports: [
                  { protocol: 'UDP' as const, port: 53 },
                  { protocol: 'TCP' as const, port: 53 },
                ],
              },
            ],
          },
        };
      case 'allow-same-namespace':
        return {
          name: 'allow-same-namespace',
          spec: { policyTypes: ['Ingress' as const], ingress: [{ from: [{ podSelector: {} }] }] },
        };
      case 'allow-from-namespace': {
        const matchLabels: Labels = { [label.key]: label.value };
        return {
          name: `allow-from-${label.value}`.slice(0, 63).replace(/[^a-z0-9-]+/g, '-'),
          spec: {
            policyTypes: ['Ingress' as const],
            ingress: [{ from: [{ namespaceSelector: { matchLabels } }] }],
          },
        };
      }
      default:
        return id satisfies never;
    }
  })();
  return {
    name: freePolicyName(context.taken ?? new Set(), base.name),
    ...(namespace !== DEFAULT_NAMESPACE ? { namespace } : {}),
    podSelector: {},
    ...base.spec,
  };
}
