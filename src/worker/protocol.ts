/**
 * The messages between the page and the simulation worker. Request and result types are derived
 * from the engine's own signatures, so a change there shows up here as a type error.
 * Everything crossing the boundary is plain data (structured-clone safe: no Maps, no classes).
 */
import type { buildCluster, computeReachability, runProbe } from '../engine/index.ts';
import type { ClusterModel, Diagnostic, PodModel, ServiceModel } from '../engine/model.ts';
import { podResolver } from '../engine/podResolver.ts';
import type { ContainerSpec, Labels, ProxyMode, ServiceType } from '../engine/spec.ts';
import { cniProfile, nodeLinkOf, type NodeLink } from '../engine/datapath/cni.ts';
import { PROXY_RULES_TITLE } from '../engine/datapath/proxyRules.ts';
import { effectiveProxyMode } from '../engine/spec.ts';
import { refKey } from '../engine/trace.ts';
import { enforcesCiliumPolicies } from '../engine/cilium/ciliumSpec.ts';
import { gatewayApiSummaryOf } from '../engine/gateway/gatewayWorld.ts';
import type { GatewayApiSummary } from '../engine/gateway/gatewaySummary.ts';
import { lintPolicies, type PolicyWarning } from '../scenario/policyLint.ts';
import { answerLessonQuestion, type LessonAnswer, type LessonQuestion } from './lessonAnswer.ts';

export type ClusterInput = Parameters<typeof buildCluster>[0];
export type ProbeInput = Parameters<typeof runProbe>[1];
export type TraceResult = ReturnType<typeof runProbe>;
export type ReachabilityInput = Parameters<typeof computeReachability>[1];
export type ReachabilityResult = ReturnType<typeof computeReachability>;

/** The engine as the protocol needs it; passed in so the worker and the fallback share one path. */
export interface SimulationEngine {
  readonly buildCluster: typeof buildCluster;
  readonly runProbe: typeof runProbe;
  readonly computeReachability: typeof computeReachability;
}

/** One model, optionally one probe: what the canvas and the trace panels show. */
export interface RunRequest {
  readonly kind?: 'run';
  readonly id: number;
  readonly cluster: ClusterInput;
  /** Null builds the model only (what the canvas needs before anything is sent). */
  readonly probe: ProbeInput | null;
}

/**
 * One model, many probes, in one message: "send 20" (the same probe with seeds 1..20), or the
 * same flow replayed under other settings. Each probe answers on its own, so one failing probe
 * does not hide the others.
 */
export interface BatchRequest {
  readonly kind: 'batch';
  readonly id: number;
  readonly cluster: ClusterInput;
  readonly probes: readonly ProbeInput[];
}

/** Who may open a connection to whom on one port, and what is wrong with the policies. */
export interface ReachabilityRequest {
  readonly kind: 'reachability';
  readonly id: number;
  readonly cluster: ClusterInput;
  readonly query: ReachabilityInput;
}

/** A lesson's prediction worked out, or its challenge checked, on the learner's cluster. */
export interface LessonRequest {
  readonly kind: 'lesson';
  readonly id: number;
  readonly cluster: ClusterInput;
  readonly question: LessonQuestion;
}

export type SimulationRequest = RunRequest | BatchRequest | ReachabilityRequest | LessonRequest;

export type BatchItem =
  | { readonly ok: true; readonly trace: TraceResult }
  | { readonly ok: false; readonly error: string };

export type RunResponse = {
  readonly kind?: 'run';
  readonly id: number;
  readonly ok: true;
  readonly model: ModelSummary;
  readonly trace: TraceResult | null;
  /**
   * Why the flow could not be traced (it names a pod or node the cluster lacks): the model is
   * still answered, so the canvas shows the cluster and its addresses.
   */
  readonly probeError?: string;
};

/** A successful answer to the request of the same kind and id, carrying `T`. */
type Answer<K extends SimulationRequest['kind'], T> = {
  readonly kind: K;
  readonly id: number;
  readonly ok: true;
} & T;

export type BatchResponse = Answer<'batch', { readonly traces: readonly BatchItem[] }>;

export type ReachabilityResponse = Answer<
  'reachability',
  { readonly matrix: ReachabilityResult; readonly warnings: readonly PolicyWarning[] }
>;

export type LessonResponse = Answer<'lesson', { readonly answer: LessonAnswer }>;

export type SimulationResponse =
  | RunResponse
  | BatchResponse
  | ReachabilityResponse
  | LessonResponse
  | { readonly id: number; readonly ok: false; readonly error: string };

/** What the views need from the cluster model, flattened: objects refer to each other by key. */
export interface ModelSummary {
  readonly settings: {
    readonly cni: string;
    readonly cniMode: string;
    readonly proxyMode: string;
    readonly clusterCidr: string;
    readonly serviceCidr: string;
    /**
     * Where a pod's default gateway lives on its node: a bridge (cni0, weave, kube-bridge),
     * Cilium's cilium_host, or null when the CNI routes with proxy ARP (Calico).
     */
    readonly podGatewayDevice: string | null;
    /** What joins the nodes (a tunnel or plain routes), as the link between them is labelled. */
    readonly nodeLink: NodeLink;
    /** The service proxy that really runs: `proxyMode`, or iptables when it needs another CNI. */
    readonly serviceProxy: ProxyMode;
    /** The heading over the rules that proxy writes. */
    readonly proxyRulesTitle: string;
    /** The CNI enforces CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy (only Cilium). */
    readonly ciliumPoliciesEnforced: boolean;
  };
  readonly nodes: readonly NodeSummary[];
  readonly pods: readonly PodSummary[];
  readonly services: readonly ServiceSummary[];
  readonly externalClients: readonly ExternalClientSummary[];
  /** Gateways and HTTPRoutes with the status a Gateway API controller would write. */
  readonly gatewayApi: GatewayApiSummary;
  readonly diagnostics: readonly Diagnostic[];
}

export interface NodeSummary {
  /** refKey of the node (`Node/node-1`): the id of its canvas element. */
  readonly key: string;
  readonly name: string;
  readonly ip: string;
  readonly podCidr: string;
  readonly gateway: string;
}

export interface PodSummary {
  readonly key: string;
  readonly name: string;
  readonly namespace: string;
  readonly node: string;
  readonly ip: string;
  readonly ready: boolean;
  readonly labels: Labels;
  readonly containers: readonly ContainerSpec[];
  readonly hostNetwork: boolean;
  readonly hostVeth: string;
  /** The pod's /etc/resolv.conf as the kubelet writes it for its dnsPolicy, and why. */
  readonly resolvConf: readonly string[];
  readonly resolvConfWhy: string;
  readonly system: boolean;
  readonly ownerRef?: string;
}

export interface EndpointSummary {
  /** refKey of the endpoint's pod. */
  readonly pod: string;
  readonly ip: string;
  readonly port: number;
  readonly ready: boolean;
  /** Index into the Service's ports. */
  readonly portIndex: number;
}

export interface ServiceSummary {
  readonly key: string;
  readonly name: string;
  readonly namespace: string;
  readonly type: ServiceType;
  readonly headless: boolean;
  readonly clusterIP: string | null;
  readonly loadBalancerIP: string | null;
  readonly ports: readonly {
    readonly name?: string;
    readonly port: number;
    readonly protocol: string;
    readonly targetPort: number | string;
    readonly nodePort?: number;
  }[];
  readonly selector?: Labels;
  readonly endpoints: readonly EndpointSummary[];
  /** refKeys of every pod the selector matches, ready or not. */
  readonly selectedPods: readonly string[];
  readonly system: boolean;
}

export interface ExternalClientSummary {
  readonly key: string;
  readonly name: string;
  readonly ip: string;
  /** For an outside service: the ports it serves and its DNS name. */
  readonly ports?: readonly number[];
  readonly hostname?: string;
}

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

/** Answers one request with the given engine; engine exceptions become error responses. */
/**
 * What the worker is doing for a request, sent before each step so that the page, if the step
 * never ends, can say which part of the scenario made it slow.
 */
export interface ProgressMessage {
  readonly kind: 'progress';
  readonly id: number;
  /** Plain words: "building the cluster", "tracing the flow from default/client to web:80". */
  readonly doing: string;
}

export type WorkerMessage = SimulationResponse | ProgressMessage;

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

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
