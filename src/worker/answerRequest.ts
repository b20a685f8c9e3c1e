/**
 * The worker's side of the protocol: answers one request with the engine, and flattens the
 * cluster model into the summary the views draw from. Only the worker (and the in-page fallback,
 * loaded on demand) imports it, so the engine stays out of the page's first load.
 */
import type { ClusterModel, PodModel, ServiceModel } from '../engine/model.ts';
import { podResolver } from '../engine/podResolver.ts';
import { cniProfile, nodeLinkOf } from '../engine/datapath/cni.ts';
import { PROXY_RULES_TITLE } from '../engine/datapath/proxyRules.ts';
import { effectiveProxyMode } from '../engine/spec.ts';
import { refKey } from '../engine/trace.ts';
import { enforcesCiliumPolicies } from '../engine/cilium/ciliumSpec.ts';
import { gatewayApiSummaryOf } from '../engine/gateway/gatewayWorld.ts';
import { lintPolicies } from '../scenario/policyLint.ts';
import { answerLessonQuestion } from './lessonAnswer.ts';
import {
  describeError,
  type BatchItem,
  type ModelSummary,
  type ProbeInput,
  type ServiceSummary,
  type SimulationEngine,
  type SimulationRequest,
  type SimulationResponse,
} from './protocol.ts';

function podGatewayDevice(model: ClusterModel): string | null {
  const profile = cniProfile(model.settings);
  if (profile.podGateway === 'link-local') return null;
  return profile.bridge ?? (profile.plugin === 'cilium' ? 'cilium_host' : null);
}

/** Flattens the model into the summary the views draw from. */
export function summarizeModel(model: ClusterModel): ModelSummary {
  const serviceProxy = effectiveProxyMode(model.settings.proxyMode, model.settings.cni.plugin);
  return {
    settings: {
      cni: model.settings.cni.plugin,
      cniMode: model.settings.cni.mode,
      proxyMode: model.settings.proxyMode,
      clusterCidr: model.settings.clusterCidr,
      serviceCidr: model.settings.serviceCidr,
      podGatewayDevice: podGatewayDevice(model),
      nodeLink: nodeLinkOf(model.settings.cni),
      serviceProxy,
      proxyRulesTitle: PROXY_RULES_TITLE[serviceProxy],
      ciliumPoliciesEnforced: enforcesCiliumPolicies(model.settings.cni.plugin),
    },
    nodes: model.nodes.map((n) => ({
      key: refKey(n.ref),
      name: n.name,
      ip: n.ip,
      podCidr: n.podCidr,
      gateway: n.gateway,
    })),
    pods: model.pods.map((p) => ({
      ...resolvConfOf(model, p),
      key: refKey(p.ref),
      name: p.name,
      namespace: p.namespace,
      node: p.node,
      ip: p.ip,
      ready: p.ready,
      labels: { ...p.labels },
      containers: p.containers,
      hostNetwork: p.hostNetwork,
      hostVeth: p.hostVeth,
      system: p.system,
      ...(p.ownerRef ? { ownerRef: p.ownerRef } : {}),
    })),
    services: model.services.map(summarizeService),
    externalClients: model.externalClients.map((c) => ({
      key: refKey(c.ref),
      name: c.name,
      ip: c.ip,
      ...(c.ports ? { ports: c.ports.map((p) => p.port) } : {}),
      ...(c.hostname ? { hostname: c.hostname } : {}),
    })),
    gatewayApi: gatewayApiSummaryOf(model),
    diagnostics: model.diagnostics,
  };
}

function resolvConfOf(
  model: ClusterModel,
  pod: PodModel,
): { resolvConf: readonly string[]; resolvConfWhy: string } {
  const node = model.nodes.find((n) => n.name === pod.node);
  if (!node) return { resolvConf: [], resolvConfWhy: '' };
  const r = podResolver(model, pod, node);
  return { resolvConf: r.lines, resolvConfWhy: r.why };
}

function summarizeService(s: ServiceModel): ServiceSummary {
  return {
    key: refKey(s.ref),
    name: s.name,
    namespace: s.namespace,
    type: s.type,
    headless: s.headless,
    clusterIP: s.clusterIP,
    loadBalancerIP: s.loadBalancerIP,
    ports: s.ports.map((p) => ({ ...p })),
    ...(s.selector ? { selector: { ...s.selector } } : {}),
    endpoints: s.endpoints.flatMap((list, portIndex) =>
      list.map((e) => ({
        pod: refKey(e.pod.ref),
        ip: e.ip,
        port: e.port,
        ready: e.ready,
        portIndex,
      })),
    ),
    selectedPods: s.selectedPods.map((p) => refKey(p.ref)),
    system: s.system,
  };
}

/** The flow a probe traces, in the words the probe bar uses. */
export function describeProbe(probe: ProbeInput): string {
  const f = probe.from;
  const from = f.kind === 'pod' ? `${f.namespace}/${f.name}` : f.name;
  const t = probe.to;
  const to =
    t.kind === 'pod'
      ? `${t.namespace}/${t.name}`
      : t.kind === 'ip'
        ? t.ip
        : t.kind === 'name'
          ? t.name
          : t.kind === 'url'
            ? t.url
            : 'localhost';
  return `the flow from ${from} to ${to}${probe.port !== undefined && t.kind !== 'url' ? `:${probe.port}` : ''}`;
}

/** Answers one request with the given engine; engine exceptions become error responses. */
export function answerRequest(
  engine: SimulationEngine,
  request: SimulationRequest,
  report: (doing: string) => void = () => {},
): SimulationResponse {
  try {
    const { nodes, pods } = request.cluster;
    report(`building the cluster (${nodes.length} nodes, ${pods.length} pods)`);
    const model = engine.buildCluster(request.cluster);
    if (request.kind === 'batch') {
      const traces = request.probes.map((probe): BatchItem => {
        report(`tracing ${describeProbe(probe)}`);
        try {
          return { ok: true, trace: engine.runProbe(model, probe) };
        } catch (error) {
          return { ok: false, error: describeError(error) };
        }
      });
      return { kind: 'batch', id: request.id, ok: true, traces };
    }
    if (request.kind === 'reachability') {
      report('working out which pods may reach which (NetworkPolicy matrix)');
      const matrix = engine.computeReachability(model, request.query);
      const warnings = lintPolicies(request.cluster, model);
      return { kind: 'reachability', id: request.id, ok: true, matrix, warnings };
    }
    if (request.kind === 'lesson') {
      report('answering the lesson with the engine');
      const answer = answerLessonQuestion(request.cluster, model, request.question);
      return { kind: 'lesson', id: request.id, ok: true, answer };
    }
    const summary = summarizeModel(model);
    if (!request.probe) return { id: request.id, ok: true, model: summary, trace: null };
    const flow = describeProbe(request.probe);
    report(`tracing ${flow}`);
    try {
      return {
        id: request.id,
        ok: true,
        model: summary,
        trace: engine.runProbe(model, request.probe),
      };
    } catch (error) {
      const probeError = `${flow[0].toUpperCase()}${flow.slice(1)} cannot be traced: ${describeError(error)}`;
      return { id: request.id, ok: true, model: summary, trace: null, probeError };
    }
  } catch (error) {
    return { id: request.id, ok: false, error: describeError(error) };
  }
}
