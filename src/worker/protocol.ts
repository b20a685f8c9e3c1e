/**
 * The messages between the page and the simulation worker. Request and result types are derived
 * from the engine's own signatures, so a change there shows up here as a type error.
 * Everything crossing the boundary is plain data (structured-clone safe: no Maps, no classes).
 */
import type { buildCluster, computeReachability, runProbe } from '../engine/index.ts';
import type { Diagnostic } from '../engine/model.ts';
import type { ContainerSpec, Labels, ProxyMode, ServiceType } from '../engine/spec.ts';
import type { NodeLink } from '../engine/datapath/cni.ts';
import type { GatewayApiSummary } from '../engine/gateway/gatewaySummary.ts';
import type { PolicyWarning } from '../scenario/policyLint.ts';
import type { LessonAnswer, LessonQuestion } from './lessonAnswer.ts';

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

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
