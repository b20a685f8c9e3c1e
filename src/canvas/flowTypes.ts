import type { Edge, Node } from '@xyflow/react';
import type {
  ExternalClientSummary,
  NodeSummary,
  PodSummary,
  ServiceSummary,
} from '../store/viewTypes.ts';

/** Set on the element the selected hop happens at. */
export type Highlight = 'request' | 'reply' | null;

export type FrameNodeData = { node: NodeSummary; highlight: Highlight };
export type PodNodeData = { pod: PodSummary; highlight: Highlight };
export type ServiceNodeData = {
  service: ServiceSummary;
  readyEndpoints: number;
  totalEndpoints: number;
  highlight: Highlight;
};
export type ClientNodeData = { client: ExternalClientSummary; highlight: Highlight };

export type FrameFlowNode = Node<FrameNodeData, 'frame'>;
export type PodFlowNode = Node<PodNodeData, 'pod'>;
export type ServiceFlowNode = Node<ServiceNodeData, 'service'>;
export type ClientFlowNode = Node<ClientNodeData, 'client'>;
export type CanvasNode = FrameFlowNode | PodFlowNode | ServiceFlowNode | ClientFlowNode;

export type SelectsEdgeData = { ready: boolean };
export type CanvasEdge = Edge<SelectsEdgeData>;
