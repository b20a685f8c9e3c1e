import type { ClusterModel, Diagnostic, NamespaceModel } from '../model.ts';
import { DEFAULT_NAMESPACE, DEFAULT_SETTINGS, type ClusterSpec } from '../spec.ts';
import { hostGwAdjacencyWarning } from '../datapath/l2Adjacency.ts';
import { addSystemObjects } from '../systemObjects.ts';
import { followExplicitAddresses } from './explicitAddresses.ts';
import { buildExternalClients } from './externalClients.ts';
import { buildNodes } from './nodes.ts';
import { buildPods } from './pods.ts';
import { buildServices } from './services.ts';
import { resolveSettings } from './settings.ts';

/**
 * Builds the cluster model from a spec: allocates what Kubernetes would allocate, resolves
 * Service endpoints from selectors and readiness, and reports conflicts as diagnostics.
 */
export function buildCluster(input: ClusterSpec): ClusterModel {
  const diagnostics: Diagnostic[] = [];
  const parsed = resolveSettings(input.settings ?? DEFAULT_SETTINGS, diagnostics);
  const spec = addSystemObjects(input, parsed);
  const settings = followExplicitAddresses(spec, parsed, diagnostics);

  const nodes = buildNodes(spec, settings, diagnostics);
  const hostGw = hostGwAdjacencyWarning(settings, nodes);
  if (hostGw) diagnostics.push({ severity: 'warning', message: hostGw, field: 'settings.cni' });
  const namespaces = buildNamespaces(spec);
  const pods = buildPods(spec, settings, nodes, diagnostics);
  const services = buildServices(spec, settings, nodes, pods, diagnostics);
  const externalClients = buildExternalClients(spec, diagnostics);

  return {
    settings,
    nodes,
    namespaces,
    pods,
    services,
    ingresses: spec.ingresses ?? [],
    ingressClasses: spec.ingressClasses ?? [],
    networkPolicies: spec.networkPolicies ?? [],
    externalClients,
    gatewayClasses: spec.gatewayClasses ?? [],
    gateways: spec.gateways ?? [],
    httpRoutes: spec.httpRoutes ?? [],
    referenceGrants: spec.referenceGrants ?? [],
    ciliumPolicies: spec.ciliumPolicies ?? [],
    diagnostics,
  };
}

function buildNamespaces(spec: ClusterSpec): NamespaceModel[] {
  const byName = new Map<string, NamespaceModel>();
  const add = (name: string, labels?: Record<string, string>) => {
    const prev = byName.get(name);
    byName.set(name, {
      name,
      // The API server sets this label on every namespace (v1.22+).
      labels: { ...(prev?.labels ?? {}), ...(labels ?? {}), 'kubernetes.io/metadata.name': name },
    });
  };
  add(DEFAULT_NAMESPACE);
  for (const ns of spec.namespaces ?? []) add(ns.name, ns.labels);
  for (const obj of [...spec.pods, ...spec.services]) {
    const name = obj.namespace ?? DEFAULT_NAMESPACE;
    if (!byName.has(name)) add(name);
  }
  return [...byName.values()];
}
