import type { Edge, Node } from '@xyflow/react';
import type { CiliumPolicySpec } from '../engine/cilium/ciliumSpec.ts';
import type {
  GatewaySpec,
  HTTPRouteSpec,
  ReferenceGrantSpec,
} from '../engine/gateway/gatewaySpec.ts';
import type { GatewaySummary, HTTPRouteSummary, ServiceSummary } from '../store/viewTypes.ts';
import type { ContainerSpec, IngressSpec, Labels, NetworkPolicySpec } from '../engine/spec.ts';

/** Set on the element the selected hop happens at. */
export type Highlight = 'request' | 'reply' | null;

/**
 * What the canvas draws for a pod: the person's spec joined with what the engine derived. The
 * address is null until the engine has answered for the current document (a moment after an edit).
 */
export interface PodView {
  readonly key: string;
  readonly name: string;
  readonly namespace: string;
  readonly node: string;
  readonly ip: string | null;
  readonly ready: boolean;
  readonly labels: Labels;
  readonly containers: readonly ContainerSpec[];
  readonly hostNetwork: boolean;
  readonly system: boolean;
  /** The Deployment the pod belongs to (from ownerRef `Deployment/name`). */
  readonly deployment: string | null;
  /** NetworkPolicies that select the pod. */
  readonly policies: readonly string[];
}

export type ServicePortView = ServiceSummary['ports'][number];

/**
 * A Service as the canvas draws it: the engine's summary of it (from the document while the
 * engine has not answered), with counts in place of the endpoint lists.
 */
export interface ServiceView extends Omit<ServiceSummary, 'endpoints' | 'selectedPods'> {
  readonly externalName?: string;
  readonly readyEndpoints: number;
  readonly totalEndpoints: number;
  /** The engine has not answered for this Service yet. */
  readonly pending: boolean;
}

export interface NodeView {
  readonly key: string;
  readonly name: string;
  readonly ip: string | null;
  readonly podCidr: string | null;
  readonly gateway: string | null;
  readonly podCount: number;
}

export interface LoadBalancerView {
  readonly key: string;
  readonly serviceKey: string;
  readonly name: string;
  readonly namespace: string;
  readonly ip: string | null;
  readonly ports: readonly ServicePortView[];
  readonly externalTrafficPolicy: 'Cluster' | 'Local';
  readonly system: boolean;
}

export interface ClientView {
  readonly key: string;
  readonly name: string;
  readonly ip: string;
  /**
   * Private addresses are drawn as an office laptop, public ones as an Internet user; an
   * element that lists ports or a hostname is an outside service pods call.
   */
  readonly variant: 'internet' | 'office' | 'service';
  /** For an outside service: its ports (`https 443/TCP`) and its DNS name. */
  readonly ports?: readonly string[];
  readonly hostname?: string;
}

export interface IngressView {
  readonly key: string;
  readonly namespace: string;
  readonly ingress: IngressSpec;
}

/** A Gateway as written, with what the controller derived (address, attached routes) once known. */
export interface GatewayView {
  readonly key: string;
  readonly namespace: string;
  readonly gateway: GatewaySpec;
  readonly summary: GatewaySummary | null;
}

/** An HTTPRoute as written, with its status (attached or not, and why) once the engine answered. */
export interface HTTPRouteView {
  readonly key: string;
  readonly namespace: string;
  readonly route: HTTPRouteSpec;
  readonly summary: HTTPRouteSummary | null;
}

export interface ReferenceGrantView {
  readonly key: string;
  readonly namespace: string;
  readonly grant: ReferenceGrantSpec;
}

/** A CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy, and whether the cluster enforces it. */
export interface CiliumPolicyView {
  readonly key: string;
  readonly policy: CiliumPolicySpec;
  /** Only Cilium enforces its own policies. */
  readonly enforced: boolean;
}

export interface PolicyView {
  readonly key: string;
  readonly namespace: string;
  readonly policy: NetworkPolicySpec;
  readonly selectedPods: number;
}

export interface NamespaceView {
  readonly key: string;
  readonly name: string;
  readonly labels: Labels;
  readonly podCount: number;
  readonly system: boolean;
}

/** A workload's replicas on one node, drawn as one card with a count while collapsed. */
export interface PodGroupView {
  readonly key: string;
  /** The Deployment's name, or the application label's value. */
  readonly name: string;
  readonly ownerKind: 'Deployment' | 'label';
  readonly namespace: string;
  readonly node: string;
  readonly count: number;
  readonly ready: number;
  /** Names of the NetworkPolicies that select any of its pods. */
  readonly policies: readonly string[];
}

/** A namespace seen from far away: one card with what is in it, in place of its elements. */
export interface IslandView {
  readonly key: string;
  readonly namespace: string;
  readonly pods: number;
  readonly ready: number;
  /** Workload groups (a Deployment's replicas on one node) among its pods. */
  readonly groups: number;
  readonly services: number;
}

/** Node frames left with nothing to show (every pod in an island), folded into one strip. */
export interface NodeStripView {
  readonly key: string;
  /** The folded nodes' names, in reading order. */
  readonly nodes: readonly string[];
}

/** Extra emphasis from the selection: replicas of the selected pod's Deployment, pods a selected policy picks. */
export type Emphasis = 'deployment' | 'policy' | null;

export type FrameNodeData = {
  node: NodeView;
  highlight: Highlight;
  /** A pod is being dragged over this node: dropping reschedules it here. */
  dropTarget: boolean;
};
export type PodNodeData = { pod: PodView; highlight: Highlight; emphasis: Emphasis };
export type PodGroupNodeData = { group: PodGroupView; highlight: Highlight; emphasis: Emphasis };
export type IslandNodeData = { island: IslandView; highlight: Highlight; emphasis: Emphasis };
export type NodeStripNodeData = { strip: NodeStripView; highlight: Highlight };
export type ServiceNodeData = { service: ServiceView; highlight: Highlight };
export type ClientNodeData = { client: ClientView; highlight: Highlight };
export type LoadBalancerNodeData = { lb: LoadBalancerView; highlight: Highlight };
export type IngressNodeData = { ingress: IngressView; highlight: Highlight };
export type PolicyNodeData = { policy: PolicyView; highlight: Highlight };
export type GatewayNodeData = { gateway: GatewayView; highlight: Highlight };
export type HTTPRouteNodeData = { route: HTTPRouteView; highlight: Highlight };
export type CiliumPolicyNodeData = { policy: CiliumPolicyView; highlight: Highlight };
export type ReferenceGrantNodeData = { grant: ReferenceGrantView; highlight: Highlight };
export type NamespaceNodeData = { namespace: NamespaceView; highlight: Highlight };

export type FrameFlowNode = Node<FrameNodeData, 'frame'>;
export type PodFlowNode = Node<PodNodeData, 'pod'>;
export type PodGroupFlowNode = Node<PodGroupNodeData, 'podGroup'>;
export type IslandFlowNode = Node<IslandNodeData, 'island'>;
export type NodeStripFlowNode = Node<NodeStripNodeData, 'nodeStrip'>;
export type ServiceFlowNode = Node<ServiceNodeData, 'service'>;
export type ClientFlowNode = Node<ClientNodeData, 'client'>;
export type LoadBalancerFlowNode = Node<LoadBalancerNodeData, 'loadBalancer'>;
export type IngressFlowNode = Node<IngressNodeData, 'ingress'>;
export type PolicyFlowNode = Node<PolicyNodeData, 'policy'>;
export type GatewayFlowNode = Node<GatewayNodeData, 'gateway'>;
export type HTTPRouteFlowNode = Node<HTTPRouteNodeData, 'httpRoute'>;
export type CiliumPolicyFlowNode = Node<CiliumPolicyNodeData, 'ciliumPolicy'>;
export type ReferenceGrantFlowNode = Node<ReferenceGrantNodeData, 'referenceGrant'>;
export type NamespaceFlowNode = Node<NamespaceNodeData, 'namespace'>;
export type CanvasNode =
  | FrameFlowNode
  | PodFlowNode
  | PodGroupFlowNode
  | IslandFlowNode
  | NodeStripFlowNode
  | ServiceFlowNode
  | ClientFlowNode
  | LoadBalancerFlowNode
  | IngressFlowNode
  | PolicyFlowNode
  | GatewayFlowNode
  | HTTPRouteFlowNode
  | CiliumPolicyFlowNode
  | ReferenceGrantFlowNode
  | NamespaceFlowNode;

/**
 * selects: a Service and a pod it selects; routes: a load balancer, Ingress or HTTPRoute to a
 * Service; reads: the ingress controller and an Ingress; attaches: an HTTPRoute to its Gateway
 * (ready false when the Gateway does not accept it).
 */
export type LinkKind = 'selects' | 'routes' | 'reads' | 'attaches';
export type SelectsEdgeData = { ready: boolean; kind: LinkKind; label?: string };
export type CanvasEdge = Edge<SelectsEdgeData>;
