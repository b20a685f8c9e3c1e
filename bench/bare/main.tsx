/// <reference types="vite/client" />
/**
 * The benchmark's yardstick: plain React Flow with its default nodes and settings, as many as
 * the `n` in the address, in a grid. Built only by the browser benchmark, never into the app.
 */
import { ReactFlow, type Edge, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { createRoot } from 'react-dom/client';

const count = Number(new URLSearchParams(location.search).get('n') ?? 300);
const columns = Math.ceil(Math.sqrt(count));
const nodes: Node[] = Array.from({ length: count }, (_, i) => ({
  id: `n${i}`,
  position: { x: (i % columns) * 200, y: Math.floor(i / columns) * 100 },
  data: { label: `node ${i}` },
}));
// One edge per ten nodes, as a cluster has a Service for about every ten pods.
const edges: Edge[] = Array.from({ length: Math.floor(count / 10) }, (_, i) => ({
  id: `e${i}`,
  source: `n${i * 10}`,
  target: `n${i * 10 + 1}`,
}));

createRoot(document.getElementById('root') as HTMLElement).render(
  <div style={{ width: '100%', height: '100%' }} data-testid="bare" data-count={count}>
    <ReactFlow defaultNodes={nodes} defaultEdges={edges} fitView minZoom={0.02} />
  </div>,
);
