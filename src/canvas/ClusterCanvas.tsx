/**
 * The cluster on a canvas, and the editor around it. Elements are derived from the document
 * and the engine's model, decorated with the selection, the current hop and the drag in
 * progress (useCanvasDrag); keyboard nudges are written to the document at once.
 */
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  SelectionMode,
  useReactFlow,
  type EdgeTypes,
  type NodeChange,
  type NodeTypes,
  type XYPosition,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './canvas.css';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { isKeyOfKind, parseElementKey } from '../scenario/document/elementKey.ts';
import { appStore, useAppStore } from '../store/appStore.ts';
import { setPositions } from '../scenario/document/edits/moveElements.ts';
import {
  selectCluster,
  selectLayout,
  selectLoadCount,
  selectModel,
  selectPoliciesOpen,
  selectPolicyTargets,
  selectPresenting,
  selectSelectedKeys,
  selectSelectedStep,
  selectShowSystem,
  selectReadOnly,
  selectTheme,
} from '../store/selectors.ts';
import { useResolvedTheme } from '../ui/useResolvedTheme.ts';
import { buildFlowElements } from './buildFlowElements.ts';
import { CanvasToolbar } from './CanvasToolbar.tsx';
import { ClientNode } from './ClientNode.tsx';
import { EmptyHint } from './EmptyHint.tsx';
import type { CanvasEdge, CanvasNode, Emphasis, Highlight } from './flowTypes.ts';
import { FrameNode } from './FrameNode.tsx';
import { CiliumPolicyNode } from './CiliumPolicyNode.tsx';
import { GatewayNode } from './GatewayNode.tsx';
import { HTTPRouteNode } from './HTTPRouteNode.tsx';
import { IngressNode } from './IngressNode.tsx';
import { ReferenceGrantNode } from './ReferenceGrantNode.tsx';
import { Legend } from './Legend.tsx';
import { LinkEdge } from './LinkEdge.tsx';
import { LoadBalancerNode } from './LoadBalancerNode.tsx';
import { NamespaceNode } from './NamespaceNode.tsx';
import { PacketLayer } from './PacketLayer.tsx';
import { PodGroupNode } from './PodGroupNode.tsx';
import { PodNode } from './PodNode.tsx';
import { COLLAPSE_FROM_PODS, isGroupKey } from './podGroups.ts';
import { usePodGroups } from './usePodGroups.ts';
import { useIslands } from './useIslands.ts';
import { IslandNode } from './IslandNode.tsx';
import { isIslandKey, ISLAND_ZOOM } from './islands.ts';
import { isNodeStripKey } from './nodeStrip.ts';
import { NodeStripNode } from './NodeStripNode.tsx';
import { PolicyNode } from './PolicyNode.tsx';
import { ServiceNode } from './ServiceNode.tsx';
import { ToastArea } from './ToastArea.tsx';
import { clampInFrame, useCanvasDrag } from './useCanvasDrag.ts';
import { useEditorShortcuts } from './useEditorShortcuts.ts';
import { usePresenterCamera } from './usePresenterCamera.ts';
import { useStableNodes } from './useStableNodes.ts';
import { nextFocus } from './spatialFocus.ts';

const nodeTypes = {
  frame: FrameNode,
  pod: PodNode,
  podGroup: PodGroupNode,
  island: IslandNode,
  nodeStrip: NodeStripNode,
  service: ServiceNode,
  client: ClientNode,
  loadBalancer: LoadBalancerNode,
  ingress: IngressNode,
  gateway: GatewayNode,
  httpRoute: HTTPRouteNode,
  policy: PolicyNode,
  ciliumPolicy: CiliumPolicyNode,
  referenceGrant: ReferenceGrantNode,
  namespace: NamespaceNode,
} satisfies NodeTypes;

const edgeTypes = { link: LinkEdge } satisfies EdgeTypes;

/** Space (px) kept between an element brought into view and the canvas's edge. */
const VIEW_MARGIN = 16;

// Room at the top for the legend and toolbar that float over the canvas.
export const FIT_OPTIONS = {
  // The bottom leaves room for the links between nodes, drawn below the frames.
  padding: { top: '84px', bottom: '96px', left: '56px', right: '56px' },
  maxZoom: 1.1,
} as const;

/** Beyond this many elements only those in view are drawn. */
const RENDER_VISIBLE_ONLY_ABOVE = 150;

const MINIMAP_COLOURS: Record<string, string> = {
  frame: '#cbd5e1',
  pod: '#34d399',
  podGroup: '#10b981',
  island: '#e879f9',
  nodeStrip: '#94a3b8',
  service: '#a78bfa',
  loadBalancer: '#22d3ee',
  ingress: '#60a5fa',
  gateway: '#818cf8',
  httpRoute: '#38bdf8',
  ciliumPolicy: '#fb923c',
  referenceGrant: '#2dd4bf',
  client: '#fbbf24',
  policy: '#fb7185',
  namespace: '#e879f9',
};

export function ClusterCanvas() {
  return (
    <ReactFlowProvider>
      <ClusterFlow />
    </ReactFlowProvider>
  );
}

function ClusterFlow() {
  const cluster = useAppStore(selectCluster);
  const layout = useAppStore(selectLayout);
  const model = useAppStore(selectModel);
  const showSystem = useAppStore(selectShowSystem);
  const policyTargets = useAppStore(selectPolicyTargets);
  const selectedKeys = useAppStore(useShallow(selectSelectedKeys));
  const selectedStep = useAppStore(selectSelectedStep);
  const loadCount = useAppStore(selectLoadCount);
  const policiesOpen = useAppStore(selectPoliciesOpen);
  const colorMode = useResolvedTheme(useAppStore(selectTheme));
  // Embedded: shown and played, never edited.
  const readOnly = useAppStore(selectReadOnly);
  const presenting = useAppStore(selectPresenting);
  const { getInternalNode, setViewport, getViewport } = useReactFlow<CanvasNode, CanvasEdge>();

  const wrapper = useRef<HTMLDivElement>(null);

  const built = useMemo(
    () => buildFlowElements({ cluster, model, layout, showSystem, policyTargets }),
    [cluster, model, layout, showSystem, policyTargets],
  );
  const stableNodes = useStableNodes(built.nodes);
  const drag = useCanvasDrag(built);
  const podGroups = usePodGroups(built, stableNodes, selectedKeys, loadCount);
  const groups = useIslands(built, podGroups, selectedKeys, loadCount);
  const { cardOf } = groups;
  const { dragged, dropTarget, dragging, moveDragged } = drag;

  const highlighted = useMemo(() => {
    if (!selectedStep) return null;
    const shown = new Set(groups.nodes.map((n) => n.id));
    // A hop at a collapsed pod lights up its card.
    const key = [selectedStep.atKey, selectedStep.nodeKey]
      .map((k) => (k ? (cardOf.get(k) ?? k) : k))
      .find((k) => k && shown.has(k));
    const tone: Highlight = selectedStep.hop.direction === 'reply' ? 'reply' : 'request';
    return key ? { key, tone } : null;
  }, [selectedStep, groups.nodes, cardOf]);

  // Replicas of the selected pod's Deployment share an outline; a selected policy marks its pods.
  const emphasis = useMemo(() => {
    const map = new Map<string, Emphasis>();
    if (selectedKeys.length !== 1) return map;
    const key = selectedKeys[0];
    const pod = built.pods.get(key);
    if (pod?.deployment) {
      for (const p of built.pods.values()) {
        if (p.deployment === pod.deployment && p.namespace === pod.namespace && p.key !== key) {
          map.set(p.key, 'deployment');
        }
      }
    } else if (isKeyOfKind(key, 'NetworkPolicy')) {
      const { namespace, name } = parseElementKey(key) ?? { name: '' };
      for (const p of built.pods.values()) {
        if (p.namespace === namespace && p.policies.includes(name)) map.set(p.key, 'policy');
      }
    }
    // A collapsed card shares the emphasis of its pods.
    for (const [pod, card] of cardOf) {
      const marked = map.get(pod);
      if (marked) map.set(card, marked);
    }
    return map;
  }, [selectedKeys, built, cardOf]);

  // Selection, highlight, emphasis and drag positions layered over the built elements. An
  // element whose inputs did not change keeps its object, so a drag frame touches one element.
  const [decorations] = useState(() => new DecorationCache());
  const nodes = useMemo(() => {
    const selected = new Set(selectedKeys);
    return decorations.apply(groups.nodes, (node) => ({
      position: dragged[node.id],
      highlight: highlighted?.key === node.id ? highlighted.tone : null,
      selected: selected.has(node.id),
      drop: node.type === 'frame' && dropTarget === node.id,
      emphasis:
        node.type === 'pod' || node.type === 'podGroup' || node.type === 'island'
          ? (emphasis.get(node.id) ?? null)
          : null,
    }));
  }, [decorations, groups.nodes, dragged, highlighted, selectedKeys, dropTarget, emphasis]);

  const commitNudge = useCallback((moves: Record<string, XYPosition>) => {
    const positions: Record<string, XYPosition> = {};
    for (const [id, position] of Object.entries(moves)) {
      // The keyboard moves a pod within its node; rescheduling is a drag.
      positions[id] = isKeyOfKind(id, 'Pod') ? clampInFrame(position) : position;
    }
    appStore.getState().editDocument((doc) => setPositions(doc, positions), {
      mergeKey: `nudge:${Object.keys(positions).sort().join(',')}`,
    });
  }, []);

  const openGroup = groups.open;
  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
      const moving: Record<string, XYPosition> = {};
      const nudged: Record<string, XYPosition> = {};
      let selection: string[] | null = null;
      for (const change of changes) {
        if (change.type === 'position' && change.position) {
          if (change.dragging) moving[change.id] = change.position;
          else if (!dragging.current) nudged[change.id] = change.position;
        } else if (
          change.type === 'select' &&
          (isGroupKey(change.id) || isIslandKey(change.id) || isNodeStripKey(change.id))
        ) {
          // Clicking (or Enter on) a collapsed card or an island opens it.
          if (change.selected) openGroup(change.id);
        } else if (change.type === 'select') {
          selection ??= [...selectSelectedKeys(appStore.getState())];
          if (change.selected && !selection.includes(change.id)) selection.push(change.id);
          if (!change.selected) selection = selection.filter((k) => k !== change.id);
        }
      }
      if (Object.keys(moving).length > 0) moveDragged(moving);
      if (Object.keys(nudged).length > 0) commitNudge(nudged);
      if (selection) {
        appStore.getState().setSelection(selection);
        if (selection.length > 0) appStore.getState().setPanelTab('inspect');
      }
    },
    [commitNudge, dragging, moveDragged, openGroup],
  );

  // A newly added or keyboard-selected element comes into view, whole (not left half under a
  // panel), by the least pan that shows it, so the rest of the view stays where it was. Once per
  // selection: a re-render never moves the view again.
  const broughtIntoView = useRef<string | null>(null);
  useEffect(() => {
    if (selectedKeys.length !== 1) {
      broughtIntoView.current = null;
      return;
    }
    const key = selectedKeys[0];
    if (broughtIntoView.current === key) return;
    const frame = requestAnimationFrame(() => {
      const node = getInternalNode(key);
      const el = wrapper.current;
      if (!node || !el) return;
      broughtIntoView.current = key;
      const { x, y, zoom } = getViewport();
      const { positionAbsolute } = node.internals;
      const w = node.measured.width ?? node.width ?? 0;
      const h = node.measured.height ?? node.height ?? 0;
      const left = positionAbsolute.x * zoom + x;
      const top = positionAbsolute.y * zoom + y;
      const shift = (start: number, size: number, room: number) =>
        size > room - 2 * VIEW_MARGIN
          ? room / 2 - (start + size / 2)
          : start < VIEW_MARGIN
            ? VIEW_MARGIN - start
            : start + size > room - VIEW_MARGIN
              ? room - VIEW_MARGIN - (start + size)
              : 0;
      const dx = shift(left, w * zoom, el.clientWidth);
      const dy = shift(top, h * zoom, el.clientHeight);
      if (dx !== 0 || dy !== 0) void setViewport({ x: x + dx, y: y + dy, zoom }, { duration: 300 });
    });
    return () => cancelAnimationFrame(frame);
  }, [selectedKeys, getInternalNode, getViewport, setViewport]);

  useEditorShortcuts(!readOnly);
  const followPacket = usePresenterCamera(presenting);

  // Shift+arrow on a focused element that is not selected moves the focus to the nearest
  // element in that direction (selected elements are nudged instead; plain arrows step the
  // packet).
  const onKeyDown = useCallback(
    (event: KeyboardEvent) => {
      if (!event.key.startsWith('Arrow') || !event.shiftKey) return;
      const target = event.target as HTMLElement;
      const id = target.closest<HTMLElement>('.react-flow__node')?.dataset.id;
      if (!id || target.closest('.react-flow__node')?.classList.contains('selected')) return;
      const next = nextFocus(id, event.key as 'ArrowUp', (key) => getInternalNode(key), nodes);
      if (!next) return;
      event.preventDefault();
      wrapper.current
        ?.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(next)}"]`)
        ?.focus();
    },
    [getInternalNode, nodes],
  );

  const isEmpty = stableNodes.length === 0;
  return (
    <div
      ref={wrapper}
      className="pp-canvas h-full w-full"
      data-elements={built.nodes.length}
      onDragOver={drag.onDragOver}
      onDragLeave={drag.onDragLeave}
      onDrop={readOnly ? undefined : drag.onDrop}
      onKeyDown={onKeyDown}
    >
      <ReactFlow<CanvasNode, CanvasEdge>
        nodes={nodes}
        edges={groups.edges as CanvasEdge[]}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onNodeDragStart={drag.onNodeDragStart}
        onNodeDrag={drag.onNodeDrag}
        onNodeDragStop={drag.onNodeDragStop}
        nodesConnectable={false}
        nodesDraggable={!readOnly}
        edgesFocusable={false}
        deleteKeyCode={null}
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        selectionMode={SelectionMode.Partial}
        onlyRenderVisibleElements={nodes.length > RENDER_VISIBLE_ONLY_ABOVE}
        colorMode={colorMode}
        fitView
        fitViewOptions={FIT_OPTIONS}
        // A canvas that folds its pods can be seen whole: its cards are what one reads then.
        minZoom={built.pods.size >= COLLAPSE_FROM_PODS ? 0.02 : 0.1}
        maxZoom={1.75}
        aria-label="Cluster canvas"
        ariaLabelConfig={ARIA_LABELS}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} className="pp-dots" />
        <Controls showInteractive={false} position="bottom-left" fitViewOptions={FIT_OPTIONS} />
        {!isEmpty && (
          <MiniMap
            position="bottom-right"
            pannable
            zoomable
            ariaLabel="Mini map"
            nodeColor={(n) => MINIMAP_COLOURS[n.type ?? ''] ?? '#cbd5e1'}
            nodeStrokeWidth={2}
            style={{ width: 150, height: 100 }}
            className="pp-minimap"
          />
        )}
        <Panel position="top-left" className="pp-legend-panel">
          <Legend />
        </Panel>
        {/* Narrower than the canvas by the collapsed Legend, so the toolbar wraps beside it. */}
        <Panel position="top-right" className="max-w-[calc(100%-30px)] md:max-w-[calc(100%-140px)]">
          <CanvasToolbar readOnly={readOnly} pods={built.pods} />
        </Panel>
        {isEmpty && (
          <Panel position="top-center" className="!top-1/3">
            <EmptyHint />
          </Panel>
        )}
        <RefitOnChange signature={`${loadCount}:${showSystem}:${policiesOpen}`} />
        <FitOnceIslandsShow loadKey={loadCount} shown={groups.shown} />
        {/* Measured again when the layout settles (after a drop), not on every drag frame. */}
        <PacketLayer layoutKey={groups.nodes} cardOf={cardOf} onPacketMove={followPacket} />
      </ReactFlow>
      <ToastArea />
    </div>
  );
}

const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];

const ARIA_LABELS = {
  'node.a11yDescription.default':
    'Press Enter or Space to select an element, Escape to let it go. Arrow keys move a selected element; otherwise they step the packet, and Shift with an arrow moves the focus to the nearest element that way. Delete removes, Ctrl+D duplicates, Ctrl+Z undoes.',
  'controls.zoomIn.ariaLabel': 'Zoom in',
  'controls.zoomOut.ariaLabel': 'Zoom out',
  'controls.fitView.ariaLabel': 'Fit view',
  'controls.ariaLabel': 'Zoom controls',
  'minimap.ariaLabel': 'Mini map',
};

/**
 * Fits the view again when another scenario is loaded, the system pods are shown or hidden, or
 * the policy workbench opens or closes under the canvas (the canvas changes height).
 */
function RefitOnChange({ signature }: { readonly signature: string }) {
  const { fitView } = useReactFlow();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // Two frames: React Flow measures its new size in the first.
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => void fitView({ ...FIT_OPTIONS, duration: 250 }));
    });
    return () => cancelAnimationFrame(frame);
  }, [signature, fitView]);
  return null;
}

/**
 * Fits the view once more when a newly loaded cluster first shows its islands: they sit above
 * the frames, outside the view fitted to the cluster before it folded.
 */
function FitOnceIslandsShow({
  loadKey,
  shown,
}: {
  readonly loadKey: unknown;
  readonly shown: boolean;
}) {
  const { fitView } = useReactFlow();
  const fitted = useRef<unknown>(null);
  useEffect(() => {
    if (!shown || fitted.current === loadKey) return;
    // After the fit that may still be animating (RefitOnChange's) has ended; no closer than the
    // islands' zoom, or fitting them would open them.
    const timer = setTimeout(() => {
      fitted.current = loadKey;
      void fitView({ ...FIT_OPTIONS, maxZoom: ISLAND_ZOOM * 0.95, duration: 250 });
    }, 400);
    return () => clearTimeout(timer);
  }, [shown, loadKey, fitView]);
  return null;
}

interface Decoration {
  readonly position: XYPosition | undefined;
  readonly highlight: Highlight;
  readonly selected: boolean;
  readonly drop: boolean;
  readonly emphasis: Emphasis;
}

const sameDecoration = (a: Decoration, b: Decoration) =>
  a.position === b.position &&
  a.highlight === b.highlight &&
  a.selected === b.selected &&
  a.drop === b.drop &&
  a.emphasis === b.emphasis;

/** Remembers each element's decorated object, to hand back the same one while nothing changed. */
class DecorationCache {
  private byId = new Map<string, { base: CanvasNode; decoration: Decoration; node: CanvasNode }>();

  apply(nodes: readonly CanvasNode[], decorate: (node: CanvasNode) => Decoration): CanvasNode[] {
    const next = new Map<string, { base: CanvasNode; decoration: Decoration; node: CanvasNode }>();
    const out = nodes.map((base) => {
      const decoration = decorate(base);
      const old = this.byId.get(base.id);
      const node =
        old && old.base === base && sameDecoration(old.decoration, decoration)
          ? old.node
          : decorateNode(base, decoration);
      next.set(base.id, { base, decoration, node });
      return node;
    });
    this.byId = next;
    return out;
  }
}

function decorateNode(node: CanvasNode, d: Decoration): CanvasNode {
  const dataChanged = d.highlight !== null || d.drop || d.emphasis !== null;
  if (!d.position && !dataChanged && !d.selected) return node;
  return {
    ...node,
    position: d.position ?? node.position,
    selected: d.selected,
    dragging: d.position !== undefined,
    data: dataChanged
      ? {
          ...node.data,
          highlight: d.highlight,
          ...(node.type === 'frame' ? { dropTarget: d.drop } : {}),
          ...(node.type === 'pod' || node.type === 'podGroup' || node.type === 'island'
            ? { emphasis: d.emphasis }
            : {}),
        }
      : node.data,
  } as CanvasNode;
}
