/**
 * The schema every scenario passes before it reaches the store: links, files and saved work
 * alike. Sizes are capped so a hostile input cannot exhaust the page; names follow Kubernetes'
 * DNS rules, which also keeps markup out of them.
 */
import { z } from 'zod';
import {
  CNI_MODES,
  CniPlugin,
  DNS_POLICIES,
  type CniMode,
  IngressControllerType,
  LoadBalancerMode,
  ProxyMode,
  type ClusterSpec,
} from '../engine/spec.ts';
import {
  isDnsLabel,
  isDnsSubdomain,
  isLabelKey,
  isLabelValue,
  isPortName,
  LABEL_MAX,
  PORT_NAME_MAX,
} from './document/kubeNames.ts';
import { parseIpv4 } from '../engine/net.ts';
import { l7Schemas } from './l7Schema.ts';
import { plainIssue } from './plainIssue.ts';
import type { ScenarioDocument } from './scenarioDocument.ts';

// zod probes `new Function` to compile faster parsers; the app's Content-Security-Policy has no
// 'unsafe-eval', so the probe would be reported as a violation. The plain parsers are enough.
z.config({ jitless: true });

export const LIMITS = {
  nodes: 200,
  pods: 10_000,
  services: 2_000,
  ingresses: 500,
  networkPolicies: 2_000,
  externalClients: 200,
  namespaces: 500,
  containersPerPod: 20,
  portsPerObject: 100,
  labels: 64,
  rules: 200,
  text: 253,
  /** A scenario's title, as the header, shares and exports show it. */
  title: 200,
  description: 2_000,
  annotations: 64,
  annotationValue: 4_096,
  sourceObjects: 2_000,
  /** The source objects together, as JSON characters. */
  sourceBytes: 2 * 1024 * 1024,
} as const;

/** A DNS-1123 subdomain, the rule for most Kubernetes object names. */
const name = z
  .string()
  .max(LIMITS.text)
  .refine(
    isDnsSubdomain,
    'must be lower-case letters, digits, "-" or ".", starting and ending with a letter or digit',
  );
const labelKey = (what: string) =>
  z.string().max(LIMITS.text).refine(isLabelKey, `is not a valid ${what} key`);
const portName = z.string().max(PORT_NAME_MAX).refine(isPortName, 'is not a valid port name');
const text = z.string().max(LIMITS.text);
const port = z.number().int().min(1).max(65535);
const protocol = z.enum(['TCP', 'UDP', 'SCTP']);
const labels = z
  .record(
    labelKey('label'),
    z.string().max(LABEL_MAX).refine(isLabelValue, 'is not a valid label value'),
  )
  .refine((l) => Object.keys(l).length <= LIMITS.labels, `at most ${LIMITS.labels} labels`);
const intOrName = z.union([port, portName]);

const labelSelector = z.object({
  matchLabels: labels.optional(),
  matchExpressions: z
    .array(
      z.object({
        key: text,
        operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']),
        values: z.array(text).max(LIMITS.labels).optional(),
      }),
    )
    .max(LIMITS.labels)
    .optional(),
});

const values = <T extends string>(o: Readonly<Record<string, T>>) =>
  Object.values(o) as [T, ...T[]];

// A type guard, so the parsed mode is a CniMode and the result needs no cast to be a ScenarioDocument.
const isModeOfPlugin = (c: {
  readonly plugin: CniPlugin;
  readonly mode: string;
}): c is { readonly plugin: CniPlugin; readonly mode: CniMode } =>
  (CNI_MODES[c.plugin] as readonly string[]).includes(c.mode);

const cniSchema = z
  .object({ plugin: z.enum(values(CniPlugin)), mode: z.string() })
  .refine(isModeOfPlugin, {
    message: 'is not a mode of that CNI',
    path: ['mode'],
  });

const ingressControllerType = z.enum(values(IngressControllerType));
const loadBalancerMode = z.enum(values(LoadBalancerMode));

const settings = z.preprocess(
  // `ingressController: "haproxy"` is read as the add-on on with that controller; the boolean
  // (every saved scenario so far) keeps its meaning.
  (v) =>
    v !== null &&
    typeof v === 'object' &&
    typeof (v as { ingressController?: unknown }).ingressController === 'string'
      ? {
          ...v,
          ingressController: true,
          ingressControllerType: (v as { ingressController: string }).ingressController,
        }
      : v,
  z.object({
    cni: cniSchema,
    proxyMode: z.enum(values(ProxyMode)),
    clusterCidr: text,
    serviceCidr: text,
    nodeNetwork: text,
    clusterDomain: text,
    nodePortRange: text,
    nodeCidrMaskSize: z.number().int().min(8).max(30).optional(),
    ingressController: z.boolean().optional(),
    ingressControllerType: ingressControllerType.optional(),
    loadBalancer: loadBalancerMode.optional(),
    egressMasquerade: z.boolean().optional(),
    ipMasqAgent: z
      .object({
        nonMasqueradeCIDRs: z.array(text).max(LIMITS.rules).optional(),
        masqLinkLocal: z.boolean().optional(),
      })
      .optional(),
  }),
);

const annotations = z
  .record(labelKey('annotation'), z.string().max(LIMITS.annotationValue))
  .refine(
    (a) => Object.keys(a).length <= LIMITS.annotations,
    `at most ${LIMITS.annotations} annotations`,
  );

const container = z.object({
  name,
  image: text.optional(),
  ports: z
    .array(
      z.object({
        name: portName.optional(),
        containerPort: port,
        protocol: protocol.optional(),
      }),
    )
    .max(LIMITS.portsPerObject)
    .optional(),
});

/** core/v1 PodDNSConfig, with the API server's limits: 3 nameservers (IP addresses), 32 searches. */
const dnsConfig = z.object({
  nameservers: z
    .array(text.refine((v) => parseIpv4(v) !== undefined, 'is not an IPv4 address'))
    .max(3, 'at most 3 nameservers')
    .optional(),
  searches: z
    .array(text.refine((v) => isDnsSubdomain(v.replace(/\.$/, '')), 'is not a valid search domain'))
    .max(32, 'at most 32 search domains')
    .optional(),
  options: z
    .array(z.object({ name: z.string().min(1).max(LIMITS.text), value: text.optional() }))
    .max(LIMITS.labels)
    .optional(),
});

const pod = z
  .object({
    name,
    namespace: name.optional(),
    labels: labels.optional(),
    nodeName: name,
    containers: z
      .array(container)
      .min(1, 'a pod needs at least one container')
      .max(LIMITS.containersPerPod),
    ready: z.boolean().optional(),
    ip: text.optional(),
    hostname: name.optional(),
    subdomain: name.optional(),
    hostNetwork: z.boolean().optional(),
    dnsPolicy: z.enum(DNS_POLICIES).optional(),
    dnsConfig: dnsConfig.optional(),
    enableServiceLinks: z.boolean().optional(),
    creationTimestamp: z.string().max(64).optional(),
    ownerRef: text.optional(),
  })
  // The API server's rule (core/v1 validation, validatePodDNSConfig).
  .refine((p) => p.dnsPolicy !== 'None' || (p.dnsConfig?.nameservers?.length ?? 0) > 0, {
    message: 'dnsPolicy None needs at least one nameserver in dnsConfig.nameservers',
    path: ['dnsConfig', 'nameservers'],
  });

/** EndpointSlice limits from discovery.k8s.io/v1 validation (1000 endpoints, 100 ports). */
const endpointSlice = z.object({
  name,
  endpoints: z
    .array(
      z.object({
        addresses: z.array(text).min(1).max(100),
        ready: z.boolean().optional(),
      }),
    )
    .max(1000),
  ports: z
    .array(
      z.object({
        name: z.string().max(LABEL_MAX).optional(),
        port,
        protocol: protocol.optional(),
      }),
    )
    .max(LIMITS.portsPerObject),
});

const service = z.object({
  name,
  namespace: name.optional(),
  type: z.enum(['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']).optional(),
  clusterIP: text.optional(),
  selector: labels.optional(),
  ports: z
    .array(
      z.object({
        name: z.string().max(LABEL_MAX).refine(isDnsLabel, 'is not a valid port name').optional(),
        port,
        targetPort: intOrName.optional(),
        nodePort: port.optional(),
        protocol: protocol.optional(),
      }),
    )
    .max(LIMITS.portsPerObject),
  externalName: text.optional(),
  externalTrafficPolicy: z.enum(['Cluster', 'Local']).optional(),
  internalTrafficPolicy: z.enum(['Cluster', 'Local']).optional(),
  sessionAffinity: z.enum(['None', 'ClientIP']).optional(),
  sessionAffinityTimeoutSeconds: z.number().int().min(1).max(86400).optional(),
  loadBalancerIP: text.optional(),
  healthCheckNodePort: port.optional(),
  publishNotReadyAddresses: z.boolean().optional(),
  allocateLoadBalancerNodePorts: z.boolean().optional(),
  creationTimestamp: z.string().max(64).optional(),
  endpointSlices: z.array(endpointSlice).max(100).optional(),
  loadBalancerMode: loadBalancerMode.optional(),
});

const ingressBackend = z.object({ service: name, port: intOrName });
const ingress = z.object({
  name,
  namespace: name.optional(),
  ingressClassName: text.optional(),
  annotations: annotations.optional(),
  rules: z
    .array(
      z.object({
        host: text.optional(),
        paths: z
          .array(
            z.object({
              path: z.string().max(1024).optional(),
              pathType: z.enum(['Exact', 'Prefix', 'ImplementationSpecific']),
              backend: ingressBackend,
            }),
          )
          .max(LIMITS.rules),
      }),
    )
    .max(LIMITS.rules),
  tls: z
    .array(z.object({ hosts: z.array(text).max(LIMITS.rules), secretName: text.optional() }))
    .max(LIMITS.rules)
    .optional(),
  defaultBackend: ingressBackend.optional(),
});

/** An optional list of at most LIMITS.rules items: the rules, peers and ports of a policy. */
const upToRules = <T extends z.ZodType>(item: T) => z.array(item).max(LIMITS.rules).optional();

const peer = z.object({
  podSelector: labelSelector.optional(),
  namespaceSelector: labelSelector.optional(),
  ipBlock: z.object({ cidr: text, except: upToRules(text) }).optional(),
});
const policyPort = z.object({
  protocol: protocol.optional(),
  port: intOrName.optional(),
  endPort: port.optional(),
});
const networkPolicy = z.object({
  name,
  namespace: name.optional(),
  podSelector: labelSelector,
  policyTypes: z
    .array(z.enum(['Ingress', 'Egress']))
    .max(2)
    .optional(),
  ingress: upToRules(z.object({ from: upToRules(peer), ports: upToRules(policyPort) })),
  egress: upToRules(z.object({ to: upToRules(peer), ports: upToRules(policyPort) })),
});

const l7 = l7Schemas({ name, text, port, labelSelector, rulesMax: LIMITS.rules });
/** Schemas of single Gateway API objects and Cilium policies, for the YAML import. */
export const L7_OBJECT_SCHEMAS = l7.items;

export const clusterSpecSchema = z.object({
  settings,
  nodes: z
    .array(
      z.object({
        name,
        ip: text.optional(),
        subnet: text.optional(),
        podCidr: text.optional(),
        labels: labels.optional(),
      }),
    )
    .max(LIMITS.nodes),
  namespaces: z
    .array(z.object({ name, labels: labels.optional() }))
    .max(LIMITS.namespaces)
    .optional(),
  pods: z.array(pod).max(LIMITS.pods),
  services: z.array(service).max(LIMITS.services),
  ingresses: z.array(ingress).max(LIMITS.ingresses).optional(),
  ingressClasses: z
    .array(z.object({ name, controller: text, isDefault: z.boolean().optional() }))
    .max(LIMITS.ingresses)
    .optional(),
  networkPolicies: z.array(networkPolicy).max(LIMITS.networkPolicies).optional(),
  externalClients: z
    .array(
      z.object({
        name,
        ip: text,
        ports: z
          .array(
            z.object({ name: z.string().max(15).optional(), port, protocol: protocol.optional() }),
          )
          .max(LIMITS.portsPerObject)
          .optional(),
        hostname: text.optional(),
      }),
    )
    .max(LIMITS.externalClients)
    .optional(),
  ...l7.cluster,
  sourceObjects: z
    .array(z.record(z.string(), z.unknown()))
    .max(LIMITS.sourceObjects)
    .refine(
      (list) => JSON.stringify(list).length <= LIMITS.sourceBytes,
      'the source objects are larger than 2 MB',
    )
    .optional(),
});

const probeSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('pod'), namespace: name, name, container: name.optional() }),
  z.object({ kind: z.literal('node'), name }),
  z.object({ kind: z.literal('external'), name }),
]);
const probeTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('pod'), namespace: name, name }),
  z.object({ kind: z.literal('ip'), ip: text }),
  z.object({ kind: z.literal('name'), name: text }),
  z.object({ kind: z.literal('url'), url: z.string().max(2048) }),
  z.object({ kind: z.literal('localhost') }),
]);
export const probeSchema = z.object({
  from: probeSource,
  to: probeTarget,
  port: port.optional(),
  protocol: protocol.optional(),
  seed: z.number().int().min(0).max(0xffffffff).optional(),
  http: l7.probeHttp.optional(),
});

const position = z.object({ x: z.number().finite(), y: z.number().finite() });

export const scenarioSchema = z.object({
  title: z.string().max(LIMITS.title),
  description: z.string().max(LIMITS.description).optional(),
  cluster: clusterSpecSchema,
  layout: z.record(z.string().max(600), position),
  flow: probeSchema.optional(),
});

export type SchemaIssue = { readonly path: string; readonly message: string };

/** The first twenty problems zod found, each with its field's dotted path. */
export function toSchemaIssues(
  issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[],
): SchemaIssue[] {
  return issues
    .slice(0, 20)
    .map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/** Validates an unknown value as a scenario; the messages name the field that is wrong. */
export function validateScenario(
  value: unknown,
): { ok: true; scenario: ScenarioDocument } | { ok: false; issues: SchemaIssue[] } {
  const result = scenarioSchema.safeParse(value, { error: plainIssue });
  if (result.success) {
    // The schema's output type is a ScenarioDocument (the compiler checks it here, without a cast);
    // schema.test.ts checks the other way, that every document has a shape the schema reads.
    return { ok: true, scenario: result.data };
  }
  return { ok: false, issues: toSchemaIssues(result.error.issues) };
}

export type { ClusterSpec };
