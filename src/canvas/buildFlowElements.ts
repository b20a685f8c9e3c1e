/**
 * The React Flow elements for a scenario: derived, never stored. What exists and where it runs
 * comes from the document (so an edit shows at once); what Kubernetes derives (addresses,
 * NodePorts, endpoints) comes from the engine's model, joined by key, and shows as pending for
 * the moment the engine takes to answer. Element ids are refKeys (`Pod/default/web-1`), the
 * same keys the document's layout and the trace's hops use.
 */
import type { ClusterSpec } from '../engine/spec.ts';
import { deploymentOf, namespaceNames } from '../scenario/document/edits/documentQueries.ts';
import { SYSTEM_NAMESPACES } from '../scenario/document/clusterOptions.ts';
import {
  ciliumPolicyKey,
  clientKey,
  ingressKey,
  isPodKeyIn,
  loadBalancerKey,
  namespaceKey,
  nodeKey,
  podKey,
  policyKey,
  serviceKey,
} from '../scenario/document/elementKey.ts';
import type { ModelSummary, ScenarioDocument, ServiceSummary } from '../store/viewTypes.ts';
import type {
  CanvasEdge,
  CiliumPolicyView,
  CanvasNode,
  ClientView,
  IngressView,
  LoadBalancerView,
  NamespaceView,
  NodeView,
  PodView,
  PolicyView,
  ServiceView,
} from './flowTypes.ts';
import { buildCanvasEdges } from './canvasEdges.ts';
import { buildCanvasNodes } from './canvasNodes.ts';
import { gatewayApiViews } from './gatewayViews.ts';
import { layoutCluster, type Box, type LayoutInput } from './layoutCluster.ts';

export interface FlowInput {
  readonly cluster: ClusterSpec;
  readonly model: ModelSummary | null;
  readonly layout: ScenarioDocument['layout'];
  readonly showSystem: boolean;
  /** Pods NetworkPolicies select, by pod key (from the store). */
  readonly policyTargets: ReadonlyMap<string, readonly string[]>;
}

export interface FlowElements {
  readonly nodes: readonly CanvasNode[];
  readonly edges: readonly CanvasEdge[];
  /** Boxes by key; pod boxes are relative to their frame. */
  readonly boxes: ReadonlyMap<string, Box>;
  readonly pods: ReadonlyMap<string, PodView>;
}

const SYSTEM = new Set(SYSTEM_NAMESPACES);
const PRIVATE = [/^10\./, /^192\.168\./, /^172\.(1[6-9]|2\d|3[01])\./];

export function buildFlowElements(input: FlowInput): FlowElements {
  const { cluster, model, layout, showSystem, policyTargets } = input;
  const modelPods = new Map(model?.pods.map((p) => [p.key, p]));
  const modelServices = new Map(model?.services.map((s) => [s.key, s]));
  const modelNodes = new Map(model?.nodes.map((n) => [n.name, n]));
  const nodeNames = new Set(cluster.nodes.map((n) => n.name));

  // Pods: the person's, then (when shown) the cluster's own.
  const pods: PodView[] = [];
  for (const spec of cluster.pods) {
    if (!nodeNames.has(spec.nodeName)) continue;
    const key = podKey(spec);
    const derived = modelPods.get(key);
    const current = derived && derived.node === spec.nodeName;
    pods.push({
      key,
      name: spec.name,
      namespace: spec.namespace ?? 'default',
      node: spec.nodeName,
      ip: current ? derived.ip : null,
      ready: spec.ready ?? true,
      labels: spec.labels ?? {},
      containers: spec.containers,
      hostNetwork: spec.hostNetwork ?? false,
      system: false,
      deployment: deploymentOf(spec),
      policies: policyTargets.get(key) ?? [],
    });
  }
  if (showSystem && model) {
    for (const p of model.pods) {
      if (!p.system || !nodeNames.has(p.node)) continue;
      pods.push({
        key: p.key,
        name: p.name,
        namespace: p.namespace,
        node: p.node,
        ip: p.ip,
        ready: p.ready,
        labels: p.labels,
        containers: p.containers,
        hostNetwork: p.hostNetwork,
        system: true,
        deployment: p.ownerRef?.startsWith('Deployment/') ? p.ownerRef.slice(11) : null,
        policies: policyTargets.get(p.key) ?? [],
      });
    }
  }
  const podByKey = new Map(pods.map((p) => [p.key, p]));

  const nodes: NodeView[] = cluster.nodes.map((n) => {
    const derived = modelNodes.get(n.name);
    return {
      key: nodeKey(n),
      name: n.name,
      ip: derived?.ip ?? null,
      podCidr: derived?.podCidr ?? null,
      gateway: derived?.gateway ?? null,
      podCount: pods.filter((p) => p.node === n.name).length,
    };
  });

  // Services: static fields from the document, derived ones from the engine.
  const services: ServiceView[] = [];
  const servicePods = new Map<string, readonly string[]>();
  const addService = (view: ServiceView, derived: ServiceSummary | undefined) => {
    services.push(view);
    servicePods.set(view.key, derived?.selectedPods.filter((k) => podByKey.has(k)) ?? []);
  };
  for (const spec of cluster.services) {
    const key = serviceKey(spec);
    const derived = modelServices.get(key);
    const type = spec.type ?? 'ClusterIP';
    const sameShape =
      derived && derived.type === type && derived.ports.length === spec.ports.length;
    addService(
      {
        key,
        name: spec.name,
        namespace: spec.namespace ?? 'default',
        type,
        headless: type !== 'ExternalName' && spec.clusterIP === 'None',
        clusterIP: sameShape ? derived.clusterIP : null,
        loadBalancerIP: sameShape ? derived.loadBalancerIP : null,
        ...(spec.externalName ? { externalName: spec.externalName } : {}),
        ports: spec.ports.map((p, i) => ({
          ...(p.name ? { name: p.name } : {}),
          port: p.port,
          protocol: p.protocol ?? 'TCP',
          targetPort: p.targetPort ?? p.port,
          ...(type === 'NodePort' || type === 'LoadBalancer'
            ? { nodePort: sameShape ? derived.ports[i].nodePort : p.nodePort }
            : {}),
        })),
        ...(spec.selector ? { selector: spec.selector } : {}),
        ...endpointCounts(derived),
        pending: !sameShape,
        system: false,
      },
      derived,
    );
  }
  if (showSystem && model) {
    for (const s of model.services) {
      // A system Service the document itself holds (a dump's default/kubernetes) is drawn once.
      if (!s.system || services.some((v) => v.key === s.key)) continue;
      addService(systemServiceView(s), s);
    }
  }

  const loadBalancers: LoadBalancerView[] = services
    .filter((s) => s.type === 'LoadBalancer')
    .map((s) => ({
      key: loadBalancerKey(s),
      serviceKey: s.key,
      name: s.name,
      namespace: s.namespace,
      ip: s.loadBalancerIP,
      ports: s.ports,
      externalTrafficPolicy:
        (s.system
          ? 'Local'
          : cluster.services.find((spec) => serviceKey(spec) === s.key)?.externalTrafficPolicy) ??
        'Cluster',
      system: s.system,
    }));

  const serviceKeys = new Set(services.map((s) => s.key));
  const ingresses: IngressView[] = (cluster.ingresses ?? []).map((ingress) => ({
    key: ingressKey(ingress),
    namespace: ingress.namespace ?? 'default',
    ingress,
  }));
  const ingressServices = new Map<string, readonly string[]>();
  for (const view of ingresses) {
    const backends = [
      ...view.ingress.rules.flatMap((r) => r.paths.map((p) => p.backend.service)),
      ...(view.ingress.defaultBackend ? [view.ingress.defaultBackend.service] : []),
    ];
    const keys = [...new Set(backends)]
      .map((name) => serviceKey({ name, namespace: view.namespace }))
      .filter((k) => serviceKeys.has(k));
    ingressServices.set(view.key, keys);
  }

  const { gateways, gatewayKeys, httpRoutes, routeServices, routeGateways, referenceGrants } =
    gatewayApiViews(cluster, model, serviceKeys);
  const ciliumPolicies: CiliumPolicyView[] = (cluster.ciliumPolicies ?? []).map((policy) => ({
    key: ciliumPolicyKey(policy),
    policy,
    enforced: model?.settings.ciliumPoliciesEnforced ?? false,
  }));

  const policies: PolicyView[] = (cluster.networkPolicies ?? []).map((policy) => {
    const namespace = policy.namespace ?? 'default';
    let selected = 0;
    for (const [key, names] of policyTargets) {
      if (names.includes(policy.name) && isPodKeyIn(key, namespace)) selected++;
    }
    return { key: policyKey(policy), namespace, policy, selectedPods: selected };
  });

  const allNamespaces = namespaceNames(cluster).filter((n) => !SYSTEM.has(n));
  const shownNamespaces =
    allNamespaces.length > 1 || (cluster.namespaces ?? []).length > 0
      ? [...allNamespaces, ...(showSystem ? systemNamespacesInUse(model) : [])]
      : [];
  const namespaces: NamespaceView[] = shownNamespaces.map((name) => ({
    key: namespaceKey({ name }),
    name,
    labels: (cluster.namespaces ?? []).find((n) => n.name === name)?.labels ?? {},
    podCount: pods.filter((p) => p.namespace === name).length,
    system: SYSTEM.has(name),
  }));

  const clients: ClientView[] = (cluster.externalClients ?? []).map((c) =>
    c.ports || c.hostname
      ? {
          key: clientKey(c),
          name: c.name,
          ip: c.ip,
          variant: 'service',
          ports: (c.ports ?? []).map(
            (p) => `${p.name ? `${p.name} ` : ''}${p.port}/${p.protocol ?? 'TCP'}`,
          ),
          ...(c.hostname ? { hostname: c.hostname } : {}),
        }
      : {
          key: clientKey(c),
          name: c.name,
          ip: c.ip,
          variant: PRIVATE.some((r) => r.test(c.ip)) ? 'office' : 'internet',
        },
  );

  const views: LayoutInput = {
    nodes,
    pods,
    services,
    loadBalancers,
    ingresses,
    policies,
    namespaces,
    clients,
    servicePods,
    ingressServices,
    gateways,
    httpRoutes,
    ciliumPolicies,
    referenceGrants,
    routeServices,
    routeGateways,
  };
  const { boxes } = layoutCluster(views, layout);
  const nodesOnCanvas = buildCanvasNodes(views, boxes);
  const edges = buildCanvasEdges({
    services,
    modelServices,
    servicePods,
    pods: podByKey,
    loadBalancers,
    ingresses,
    ingressServices,
    httpRoutes,
    serviceKeys,
    gatewayKeys,
  });
  return { nodes: nodesOnCanvas, edges, boxes, pods: podByKey };
}

/** The add-on namespaces that have something in them (the controller that runs, CoreDNS). */
function systemNamespacesInUse(model: ModelSummary | null): string[] {
  const used = new Set(model?.pods.filter((p) => p.system).map((p) => p.namespace));
  return SYSTEM_NAMESPACES.filter((n) => used.has(n));
}

/** A cluster add-on's Service as the engine summed it up, with counts for its endpoint lists. */
function systemServiceView({ endpoints, selectedPods, ...summary }: ServiceSummary): ServiceView {
  return { ...summary, ...endpointCounts({ endpoints, selectedPods }), pending: false };
}

function endpointCounts(derived: Pick<ServiceSummary, 'endpoints' | 'selectedPods'> | undefined) {
  if (!derived) return { readyEndpoints: 0, totalEndpoints: 0 };
  return {
    readyEndpoints: new Set(derived.endpoints.filter((e) => e.ready).map((e) => e.pod)).size,
    totalEndpoints: derived.selectedPods.length,
  };
}
