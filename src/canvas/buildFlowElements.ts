/**
 * The React Flow elements for a scenario: derived, never stored. What exists and where it runs
 * comes from the document (so an edit shows at once); what Kubernetes derives (addresses,
 * NodePorts, endpoints) comes from the engine's model, joined by key, and shows as pending for
 * the moment the engine takes to answer. Element ids are refKeys (`Pod/default/web-1`), the
 * same keys the document's layout and the trace's hops use.
 */
import { MarkerType } from '@xyflow/react';
import type { ClusterSpec } from '../engine/spec.ts';
import { deploymentOf, namespaceNames } from '../scenario/document/edits/documentQueries.ts';
import { SYSTEM_NAMESPACES } from '../scenario/document/clusterOptions.ts';
import {
  ciliumPolicyKey,
  clientKey,
  gatewayKey,
  httpRouteKey,
  ingressKey,
  isPodKeyIn,
  loadBalancerKey,
  nameOfKey,
  namespaceKey,
  nodeKey,
  podKey,
  policyKey,
  referenceGrantKey,
  serviceKey,
} from '../scenario/document/elementKey.ts';
import type { ModelSummary, ScenarioDocument, ServiceSummary } from '../store/viewTypes.ts';
import type {
  CanvasEdge,
  CiliumPolicyView,
  GatewayView,
  HTTPRouteView,
  ReferenceGrantView,
  CanvasNode,
  ClientView,
  IngressView,
  LinkKind,
  LoadBalancerView,
  NamespaceView,
  NodeView,
  PodView,
  PolicyView,
  ServiceView,
} from './flowTypes.ts';
import { layoutCluster, type Box } from './layoutCluster.ts';

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
      addService(
        {
          key: s.key,
          name: s.name,
          namespace: s.namespace,
          type: s.type,
          headless: s.headless,
          clusterIP: s.clusterIP,
          loadBalancerIP: s.loadBalancerIP,
          ports: s.ports,
          ...(s.selector ? { selector: s.selector } : {}),
          ...endpointCounts(s),
          pending: false,
          system: true,
        },
        s,
      );
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

  // Gateway API: what the person wrote, joined by key with the status the engine derived.
  const gatewaySummaries = new Map(model?.gatewayApi.gateways.map((g) => [g.key, g]));
  const routeSummaries = new Map(model?.gatewayApi.httpRoutes.map((r) => [r.key, r]));
  const gateways: GatewayView[] = (cluster.gateways ?? []).map((gateway) => {
    const key = gatewayKey(gateway);
    return {
      key,
      namespace: gateway.namespace ?? 'default',
      gateway,
      summary: gatewaySummaries.get(key) ?? null,
    };
  });
  const gatewayKeys = new Set(gateways.map((g) => g.key));
  const httpRoutes: HTTPRouteView[] = (cluster.httpRoutes ?? []).map((route) => {
    const key = httpRouteKey(route);
    return {
      key,
      namespace: route.namespace ?? 'default',
      route,
      summary: routeSummaries.get(key) ?? null,
    };
  });
  const routeServices = new Map<string, readonly string[]>();
  const routeGateways = new Map<string, readonly string[]>();
  for (const view of httpRoutes) {
    const backends = view.summary?.backends.map((b) => b.serviceKey) ?? [];
    routeServices.set(
      view.key,
      [...new Set(backends)].filter((k) => serviceKeys.has(k)),
    );
    const parents = view.summary?.parents.flatMap((p) => (p.gatewayKey ? [p.gatewayKey] : []));
    routeGateways.set(
      view.key,
      [...new Set(parents)].filter((k) => gatewayKeys.has(k)),
    );
  }
  const ciliumPolicies: CiliumPolicyView[] = (cluster.ciliumPolicies ?? []).map((policy) => ({
    key: ciliumPolicyKey(policy),
    policy,
    enforced: model?.settings.ciliumPoliciesEnforced ?? false,
  }));

  const referenceGrants: ReferenceGrantView[] = (cluster.referenceGrants ?? []).map((grant) => ({
    key: referenceGrantKey(grant),
    namespace: grant.namespace ?? 'default',
    grant,
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

  const { boxes } = layoutCluster(
    {
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
    },
    layout,
  );
  const place = (key: string) => {
    const box = boxes.get(key) as Box;
    // Sizes are computed, not measured; giving React Flow the measurement up front keeps an
    // element it re-adopts during a drag from counting as unmeasured (and its edges as hidden).
    return {
      position: { x: box.x, y: box.y },
      width: box.width,
      height: box.height,
      measured: { width: box.width, height: box.height },
    };
  };

  // Order is the keyboard's Tab order: what receives traffic first, then the nodes each with
  // their pods, then the objects that describe rather than carry traffic.
  const flowNodes: CanvasNode[] = [];
  for (const client of clients) {
    flowNodes.push({
      id: client.key,
      type: 'client',
      ...place(client.key),
      data: { client, highlight: null },
      ariaLabel: `${client.variant === 'service' ? 'Outside service' : 'External client'} ${client.name}`,
    });
  }
  for (const lb of loadBalancers) {
    flowNodes.push({
      id: lb.key,
      type: 'loadBalancer',
      ...place(lb.key),
      data: { lb, highlight: null },
      ariaLabel: `Load balancer ${lb.name}`,
    });
  }
  for (const view of gateways) {
    flowNodes.push({
      id: view.key,
      type: 'gateway',
      ...place(view.key),
      data: { gateway: view, highlight: null },
      ariaLabel: `Gateway ${view.gateway.name}`,
    });
  }
  for (const view of httpRoutes) {
    flowNodes.push({
      id: view.key,
      type: 'httpRoute',
      ...place(view.key),
      data: { route: view, highlight: null },
      ariaLabel: `HTTPRoute ${view.route.name}`,
    });
  }
  for (const view of ingresses) {
    flowNodes.push({
      id: view.key,
      type: 'ingress',
      ...place(view.key),
      data: { ingress: view, highlight: null },
      ariaLabel: `Ingress ${view.ingress.name}`,
    });
  }
  for (const service of services) {
    flowNodes.push({
      id: service.key,
      type: 'service',
      ...place(service.key),
      data: { service, highlight: null },
      ariaLabel: `Service ${service.name}`,
    });
  }
  const podsOfNode = new Map<string, PodView[]>();
  for (const pod of pods) {
    const list = podsOfNode.get(pod.node) ?? [];
    list.push(pod);
    podsOfNode.set(pod.node, list);
  }
  for (const node of nodes) {
    flowNodes.push({
      id: node.key,
      type: 'frame',
      ...place(node.key),
      data: { node, highlight: null, dropTarget: false },
      ariaLabel: `Node ${node.name}`,
      className: 'pp-frame',
      zIndex: 0,
    });
    for (const pod of podsOfNode.get(node.name) ?? []) {
      flowNodes.push({
        id: pod.key,
        type: 'pod',
        parentId: node.key,
        ...place(pod.key),
        draggable: !pod.system,
        data: { pod, highlight: null, emphasis: null },
        ariaLabel: `Pod ${pod.name}`,
      });
    }
  }
  for (const ns of namespaces) {
    flowNodes.push({
      id: ns.key,
      type: 'namespace',
      ...place(ns.key),
      data: { namespace: ns, highlight: null },
      ariaLabel: `Namespace ${ns.name}`,
    });
  }
  for (const policy of policies) {
    flowNodes.push({
      id: policy.key,
      type: 'policy',
      ...place(policy.key),
      data: { policy, highlight: null },
      ariaLabel: `NetworkPolicy ${policy.policy.name}`,
    });
  }
  for (const view of ciliumPolicies) {
    flowNodes.push({
      id: view.key,
      type: 'ciliumPolicy',
      ...place(view.key),
      data: { policy: view, highlight: null },
      ariaLabel: `${view.policy.kind} ${view.policy.name}`,
    });
  }
  for (const view of referenceGrants) {
    flowNodes.push({
      id: view.key,
      type: 'referenceGrant',
      ...place(view.key),
      data: { grant: view, highlight: null },
      ariaLabel: `ReferenceGrant ${view.grant.name}`,
    });
  }

  const edges: CanvasEdge[] = [];
  const link = (
    kind: LinkKind,
    source: string,
    target: string,
    label: string,
    ready = true,
    text?: string,
  ): CanvasEdge => ({
    id: `${kind}:${source}->${target}`,
    source,
    target,
    type: 'link',
    data: { ready, kind, ...(text ? { label: text } : {}) },
    selectable: false,
    focusable: false,
    ariaLabel: label,
    markerEnd: {
      type: MarkerType.ArrowClosed,
      width: 16,
      height: 16,
      color: markerColour(kind, ready),
    },
  });
  for (const service of services) {
    const derived = modelServices.get(service.key);
    for (const podKeyOfService of servicePods.get(service.key) ?? []) {
      const pod = podByKey.get(podKeyOfService);
      if (!pod) continue;
      const ready = derived?.endpoints.some((e) => e.pod === pod.key && e.ready) ?? false;
      edges.push(
        link(
          'selects',
          service.key,
          pod.key,
          `Service ${service.name} selects ${pod.name} (${ready ? 'ready' : 'not ready'})`,
          ready,
        ),
      );
    }
  }
  for (const lb of loadBalancers) {
    edges.push(
      link('routes', lb.key, lb.serviceKey, `Load balancer ${lb.name} sends to Service ${lb.name}`),
    );
  }
  for (const view of ingresses) {
    for (const key of ingressServices.get(view.key) ?? []) {
      edges.push(
        link(
          'routes',
          view.key,
          key,
          `Ingress ${view.ingress.name} routes to Service ${nameOfKey(key)}`,
        ),
      );
    }
  }
  for (const view of httpRoutes) {
    for (const parent of view.summary?.parents ?? []) {
      if (!parent.gatewayKey || !gatewayKeys.has(parent.gatewayKey)) continue;
      edges.push(
        link(
          'attaches',
          view.key,
          parent.gatewayKey,
          parent.accepted
            ? `HTTPRoute ${view.route.name} is attached to Gateway ${nameOfKey(parent.gatewayKey)} (${parent.listeners.join(', ')})`
            : `HTTPRoute ${view.route.name} is not attached to Gateway ${nameOfKey(parent.gatewayKey)}: ${parent.message}`,
          parent.accepted,
        ),
      );
    }
    const seen = new Set<string>();
    const backends = view.summary?.backends.filter((b) => !b.mirror) ?? [];
    for (const backend of backends) {
      if (!serviceKeys.has(backend.serviceKey) || seen.has(backend.serviceKey)) continue;
      seen.add(backend.serviceKey);
      const name = nameOfKey(backend.serviceKey);
      const weighted = backends.some((b) => b.ruleIndex === backend.ruleIndex && b !== backend);
      edges.push(
        link(
          'routes',
          view.key,
          backend.serviceKey,
          backend.problem
            ? `HTTPRoute ${view.route.name} cannot send to Service ${name}: ${backend.problem}`
            : `HTTPRoute ${view.route.name} routes to Service ${name}${weighted ? ` with weight ${backend.weight}` : ''}`,
          backend.problem === null,
          weighted ? `×${backend.weight}` : undefined,
        ),
      );
    }
  }
  // The ingress controller is the add-on behind a LoadBalancer (ingress-nginx or HAProxy).
  const controller = services.find((s) => s.system && s.type === 'LoadBalancer');
  if (controller) {
    for (const view of ingresses) {
      edges.push(
        link(
          'reads',
          controller.key,
          view.key,
          `The ingress controller reads Ingress ${view.ingress.name}`,
        ),
      );
    }
  }

  return { nodes: flowNodes, edges, boxes, pods: podByKey };
}

/** The add-on namespaces that have something in them (the controller that runs, CoreDNS). */
function systemNamespacesInUse(model: ModelSummary | null): string[] {
  const used = new Set(model?.pods.filter((p) => p.system).map((p) => p.namespace));
  return SYSTEM_NAMESPACES.filter((n) => used.has(n));
}

function endpointCounts(derived: ServiceSummary | undefined) {
  if (!derived) return { readyEndpoints: 0, totalEndpoints: 0 };
  return {
    readyEndpoints: new Set(derived.endpoints.filter((e) => e.ready).map((e) => e.pod)).size,
    totalEndpoints: derived.selectedPods.length,
  };
}

/** Arrow colours match the edge strokes in theme.css (markers cannot read CSS variables). */
export function markerColour(kind: LinkKind, ready: boolean): string {
  if (kind === 'selects') return ready ? '#7c3aed' : '#94a3b8';
  if (kind === 'routes') return ready ? '#0891b2' : '#94a3b8';
  if (kind === 'attaches') return ready ? '#4f46e5' : '#e11d48';
  return '#94a3b8';
}
