/**
 * The cluster on a canvas: derived from the model and the document's layout on every change;
 * only drags write back, and only once, when the drag ends.
 */
import {
  Background,
  BackgroundVariant,
  Controls,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type NodeChange,
  type NodeTypes,
  type OnNodeDrag,
  type XYPosition,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useAppStore } from '../store/appStore.ts';
import {
  selectHasTrace,
  selectLayout,
  selectModel,
  selectReplay,
  selectSelectElement,
  selectSelectedKey,
  selectSelectedStep,
  selectSetPosition,
  selectSetShowSystem,
  selectShowSystem,
} from '../store/selectors.ts';
import type { ModelSummary } from '../store/viewTypes.ts';
import { buildFlowElements } from './buildFlowElements.ts';
import { ClientNode } from './ClientNode.tsx';
import type { CanvasEdge, CanvasNode, Highlight } from './flowTypes.ts';
import { FrameNode } from './FrameNode.tsx';
import { PACKET_COLOURS } from './kindStyles.ts';
import { PacketLayer } from './PacketLayer.tsx';
import { PodNode } from './PodNode.tsx';
import { ServiceNode } from './ServiceNode.tsx';

const nodeTypes = {
  frame: FrameNode,
  pod: PodNode,
  service: ServiceNode,
  client: ClientNode,
} satisfies NodeTypes;

// Room at the top for the legend and toolbar that float over the canvas.
const FIT_OPTIONS = {
  padding: { top: '76px', bottom: '40px', left: '56px', right: '56px' },
  maxZoom: 1.1,
} as const;

export function ClusterCanvas() {
  const model = useAppStore(selectModel);
  if (!model) {
    return (
      <div className="grid h-full place-items-center text-sm text-slate-500">
        Building the cluster…
      </div>
    );
  }
  return (
    <ReactFlowProvider>
      <ClusterFlow model={model} />
    </ReactFlowProvider>
  );
}

function ClusterFlow({ model }: { readonly model: ModelSummary }) {
  const layout = useAppStore(selectLayout);
  const showSystem = useAppStore(selectShowSystem);
  const selectedKey = useAppStore(selectSelectedKey);
  const selectedStep = useAppStore(selectSelectedStep);
  const setPosition = useAppStore(selectSetPosition);
  const selectElement = useAppStore(selectSelectElement);
  // Positions of elements being dragged; written to the document once, when the drag ends.
  const [dragged, setDragged] = useState<Readonly<Record<string, XYPosition>>>({});

  const elements = useMemo(
    () => buildFlowElements(model, layout, showSystem),
    [model, layout, showSystem],
  );

  const highlighted = useMemo(() => {
    if (!selectedStep) return null;
    const shown = new Set(elements.nodes.map((n) => n.id));
    const key = [selectedStep.atKey, selectedStep.nodeKey].find((k) => k && shown.has(k));
    const tone: Highlight = selectedStep.hop.direction === 'reply' ? 'reply' : 'request';
    return key ? { key, tone } : null;
  }, [selectedStep, elements]);

  const nodes = useMemo(
    () =>
      elements.nodes.map((node): CanvasNode => {
        const position = dragged[node.id];
        const highlight = highlighted?.key === node.id ? highlighted.tone : null;
        const selected = node.id === selectedKey;
        if (!position && !highlight && !selected) return node;
        return {
          ...node,
          position: position ?? node.position,
          selected,
          data: { ...node.data, highlight },
        } as CanvasNode;
      }),
    [elements, dragged, highlighted, selectedKey],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
      for (const change of changes) {
        if (change.type === 'position' && change.dragging && change.position) {
          const { id, position } = change;
          setDragged((current) => ({ ...current, [id]: position }));
        } else if (change.type === 'select') {
          if (change.selected) selectElement(change.id);
          else if (change.id === selectedKey) selectElement(null);
        }
      }
    },
    [selectElement, selectedKey],
  );

  const onNodeDragStop: OnNodeDrag<CanvasNode> = useCallback(
    (_event, _node, draggedNodes) => {
      for (const node of draggedNodes) setPosition(node.id, node.position);
      setDragged({});
    },
    [setPosition],
  );

  return (
    <ReactFlow<CanvasNode, CanvasEdge>
      nodes={nodes as CanvasNode[]}
      edges={elements.edges as CanvasEdge[]}
      nodeTypes={nodeTypes}
      onNodesChange={onNodesChange}
      onNodeDragStop={onNodeDragStop}
      nodesConnectable={false}
      fitView
      fitViewOptions={FIT_OPTIONS}
      minZoom={0.3}
      maxZoom={1.75}
      aria-label="Cluster canvas"
    >
      <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="#cbd5e1" />
      <Controls showInteractive={false} position="bottom-left" />
      <Panel position="top-left">
        <Legend />
      </Panel>
      <Panel position="top-right">
        <CanvasToolbar showSystem={showSystem} />
      </Panel>
      <RefitOnChange signature={`${nodes.length}`} />
      <PacketLayer layoutKey={nodes} />
    </ReactFlow>
  );
}

/** Fits the view again when elements appear or disappear (showing system pods, a new scenario). */
function RefitOnChange({ signature }: { readonly signature: string }) {
  const { fitView } = useReactFlow();
  useEffect(() => {
    const frame = requestAnimationFrame(() => void fitView({ ...FIT_OPTIONS, duration: 250 }));
    return () => cancelAnimationFrame(frame);
  }, [signature, fitView]);
  return null;
}

function CanvasToolbar({ showSystem }: { readonly showSystem: boolean }) {
  const setShowSystem = useAppStore(selectSetShowSystem);
  const replay = useAppStore(selectReplay);
  const hasTrace = useAppStore(selectHasTrace);
  return (
    <div className="flex items-center gap-2 rounded-lg border border-slate-200 bg-white/95 px-2 py-1.5 text-[13px] shadow-sm">
      <label className="flex cursor-pointer items-center gap-1.5 px-1 text-slate-700">
        <input
          type="checkbox"
          className="accent-slate-700"
          checked={showSystem}
          onChange={(e) => setShowSystem(e.target.checked)}
        />
        System pods
      </label>
      <button
        type="button"
        onClick={replay}
        disabled={!hasTrace}
        className="rounded-md border border-slate-300 px-2.5 py-1 font-medium text-slate-800 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-40"
      >
        Replay
      </button>
    </div>
  );
}

function Legend() {
  return (
    <div
      className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-lg border border-slate-200 bg-white/95 px-3 py-1.5 text-[12px] text-slate-600 shadow-sm"
      aria-label="Legend"
      role="note"
    >
      <LegendSwatch className="border-slate-400 bg-slate-100" text="Node" />
      <LegendSwatch className="border-emerald-400 bg-white" text="Pod" />
      <LegendSwatch className="border-violet-400 bg-violet-50" text="Service" />
      <span className="flex items-center gap-1">
        <Dot colour={PACKET_COLOURS.request} /> request
      </span>
      <span className="flex items-center gap-1">
        <Dot colour={PACKET_COLOURS.reply} /> reply
      </span>
      <span className="flex items-center gap-1">
        <Dot colour={PACKET_COLOURS.lookup} /> DNS
      </span>
      <span className="flex items-center gap-1">
        <svg width="22" height="6" aria-hidden="true">
          <line x1="0" y1="3" x2="22" y2="3" stroke="#7c3aed" strokeWidth="2" />
        </svg>
        ready
      </span>
      <span className="flex items-center gap-1">
        <svg width="22" height="6" aria-hidden="true">
          <line
            x1="0"
            y1="3"
            x2="22"
            y2="3"
            stroke="#94a3b8"
            strokeWidth="2"
            strokeDasharray="5 4"
          />
        </svg>
        not ready
      </span>
    </div>
  );
}

function LegendSwatch({ className, text }: { readonly className: string; readonly text: string }) {
  return (
    <span className="flex items-center gap-1">
      <span
        aria-hidden="true"
        className={`inline-block h-3 w-4 rounded-sm border-2 ${className}`}
      />
      {text}
    </span>
  );
}

function Dot({ colour }: { readonly colour: string }) {
  return (
    <span
      aria-hidden="true"
      className="inline-block h-2.5 w-2.5 rounded-full"
      style={{ backgroundColor: colour }}
    />
  );
}
