/** Edits that move elements on the canvas: positions, and a pod rescheduled onto another node. */
import type { Position, ScenarioDocument } from '../../scenarioDocument.ts';
import { podKey } from '../elementKey.ts';
import { omit, setLayout, withCluster, type EditResult } from './editKit.ts';

/** Records where elements were put (one document change for a whole drag). */
export function setPositions(
  doc: ScenarioDocument,
  positions: Readonly<Record<string, Position>>,
): ScenarioDocument {
  let layout = doc.layout;
  for (const [key, position] of Object.entries(positions)) {
    layout = setLayout(layout, key, position);
  }
  return layout === doc.layout ? doc : { ...doc, layout };
}

/**
 * Reschedules a pod onto another node. The pod's address is not durable: it is dropped, and the
 * engine allocates a new one from the new node's pod CIDR. `position` is relative to the node.
 */
export function movePod(
  doc: ScenarioDocument,
  key: string,
  nodeName: string,
  position?: Position,
): ScenarioDocument {
  if (!doc.cluster.nodes.some((n) => n.name === nodeName)) return doc;
  let found = false;
  const pods = doc.cluster.pods.map((p) => {
    if (podKey(p) !== key) return p;
    found = true;
    const rest = omit(p, 'ip');
    return { ...rest, nodeName };
  });
  if (!found) return doc;
  return {
    ...withCluster(doc, { ...doc.cluster, pods }),
    layout: setLayout(doc.layout, key, position),
  };
}

/** A pod dropped on another node's frame. */
export interface PodMove {
  readonly key: string;
  readonly podName: string;
  readonly nodeName: string;
  /** The node's pod CIDR, when known, for the note. */
  readonly podCidr: string | null;
  readonly position: Position;
}

/**
 * The end of a drag on the canvas as one edit: elements set down where they were dropped, pods
 * dropped on another node rescheduled there, and a note saying what a person may not expect (a
 * rescheduled pod gets a new IP; a pod dropped outside every node went back where it was).
 */
export function placeDraggedElements(
  doc: ScenarioDocument,
  positions: Readonly<Record<string, Position>>,
  moves: readonly PodMove[],
  putBack: readonly string[],
): EditResult {
  let document = setPositions(doc, positions);
  for (const move of moves) document = movePod(document, move.key, move.nodeName, move.position);
  let note: string | undefined;
  if (moves.length > 0) {
    const { podName, nodeName, podCidr } = moves[0];
    const who = moves.length === 1 ? `${podName} now runs` : `${moves.length} pods now run`;
    note = `${who} on ${nodeName} and get${moves.length === 1 ? 's' : ''} a new IP from ${nodeName}'s pod CIDR${podCidr ? ` (${podCidr})` : ''}. Pod IPs are not durable: a rescheduled pod is a new pod with a new address, which is why clients call a Service, not a pod IP.`;
  } else if (putBack.length > 0) {
    note = `Pods run on nodes: ${putBack.join(', ')} was dropped outside every node, so it went back where it was.`;
  }
  return { document, keys: [], ...(note ? { note } : {}) };
}
