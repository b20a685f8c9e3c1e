/**
 * The React Flow elements for a cluster model: derived, never stored. Element ids are refKeys
 * (`Pod/default/web-1`), the same keys the document's layout and the trace's hops use.
 */
import { MarkerType } from '@xyflow/react';
import type { ModelSummary, ScenarioDocument } from '../store/viewTypes.ts';
import type { CanvasEdge, CanvasNode } from './flowTypes.ts';
import { layoutCluster, type Box } from './layoutCluster.ts';

export interface FlowElements {
  readonly nodes: readonly CanvasNode[];
  readonly edges: readonly CanvasEdge[];
}

const READY_EDGE = '#7c3aed';
const NOT_READY_EDGE = '#94a3b8';

export function buildFlowElements(
  model: ModelSummary,
  layout: ScenarioDocument['layout'],
  showSystem: boolean,
): FlowElements {
  const pods = model.pods.filter((p) => showSystem || !p.system);
  const services = model.services.filter((s) => showSystem || !s.system);
  const { boxes } = layoutCluster(model, layout, { pods, services });
  const place = (key: string) => {
    const box = boxes.get(key) as Box;
    return { position: { x: box.x, y: box.y }, width: box.width, height: box.height };
  };
  const frameKeyOf = new Map(model.nodes.map((n) => [n.name, n.key]));

  const nodes: CanvasNode[] = [
    // Parents before children: React Flow needs a frame to exist before its pods.
    ...model.nodes.map((node): CanvasNode => ({
      id: node.key,
      type: 'frame',
      ...place(node.key),
      data: { node, highlight: null },
      ariaLabel: `Node ${node.name}`,
      className: 'pp-frame',
      zIndex: 0,
    })),
    ...pods.flatMap((pod): CanvasNode[] => {
      const parentId = frameKeyOf.get(pod.node);
      if (!parentId) return [];
      return [
        {
          id: pod.key,
          type: 'pod',
          parentId,
          extent: 'parent',
          ...place(pod.key),
          data: { pod, highlight: null },
          ariaLabel: `Pod ${pod.name}`,
        },
      ];
    }),
    ...services.map((service): CanvasNode => ({
      id: service.key,
      type: 'service',
      ...place(service.key),
      data: {
        service,
        readyEndpoints: new Set(service.endpoints.filter((e) => e.ready).map((e) => e.pod)).size,
        totalEndpoints: service.selectedPods.length,
        highlight: null,
      },
      ariaLabel: `Service ${service.name}`,
    })),
    ...model.externalClients.map((client): CanvasNode => ({
      id: client.key,
      type: 'client',
      ...place(client.key),
      data: { client, highlight: null },
      ariaLabel: `External client ${client.name}`,
    })),
  ];

  const shownPods = new Map(pods.filter((p) => frameKeyOf.has(p.node)).map((p) => [p.key, p]));
  const absoluteX = (key: string): number => {
    const box = boxes.get(key);
    const pod = shownPods.get(key);
    const frame = pod ? boxes.get(frameKeyOf.get(pod.node) ?? '') : undefined;
    return (box?.x ?? 0) + (frame?.x ?? 0);
  };
  const centreX = (key: string) => absoluteX(key) + (boxes.get(key)?.width ?? 0) / 2;
  const edges: CanvasEdge[] = services.flatMap((service) =>
    service.selectedPods
      .filter((podKey) => shownPods.has(podKey))
      .map((podKey): CanvasEdge => {
        const ready = service.endpoints.some((e) => e.pod === podKey && e.ready);
        const podName = shownPods.get(podKey)?.name ?? podKey;
        const side = centreX(podKey) < centreX(service.key) ? 'right' : 'left';
        const colour = ready ? READY_EDGE : NOT_READY_EDGE;
        return {
          id: `selects:${service.key}->${podKey}`,
          source: service.key,
          target: podKey,
          targetHandle: side,
          type: 'default',
          data: { ready },
          selectable: false,
          focusable: false,
          ariaLabel: `Service ${service.name} selects ${podName} (${ready ? 'ready' : 'not ready'})`,
          style: {
            stroke: colour,
            strokeWidth: ready ? 2 : 1.75,
            ...(ready ? {} : { strokeDasharray: '6 5' }),
          },
          markerEnd: { type: MarkerType.ArrowClosed, color: colour, width: 16, height: 16 },
        };
      }),
  );

  return { nodes, edges };
}
