/** Edits that move elements on the canvas: positions, and a pod rescheduled onto another node. */
import type { Position, ScenarioDocument } from '../../scenarioDocument.ts';
import { podKey } from '../elementKey.ts';
import { omit, setLayout, withCluster } from './editKit.ts';

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
