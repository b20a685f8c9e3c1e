/** Copy, paste and duplicate: a clipboard independent of the document, pasted with fresh names. */
import type { ClusterSpec, NamespaceSpec, PodSpec, ServiceSpec } from '../../../engine/spec.ts';
import type { Position, ScenarioDocument } from '../../scenarioDocument.ts';
import { type ElementKey, parseElementKey, KEY_OF } from '../elementKey.ts';
import { type EditResult, nsOf, omit, setLayout, uniqueName } from './editKit.ts';
import { namesIn, namespaceNames } from './documentQueries.ts';

/** A snapshot of copied elements, independent of the document it came from. */
export interface Clipboard extends Required<
  Pick<
    ClusterSpec,
    'nodes' | 'pods' | 'services' | 'ingresses' | 'networkPolicies' | 'externalClients'
  >
> {
  readonly namespaces: readonly NamespaceSpec[];
  /** Saved positions of the copied elements, by their original keys. */
  readonly layout: Readonly<Record<string, Position>>;
}

export function copyElements(doc: ScenarioDocument, keys: readonly string[]): Clipboard {
  const wanted = new Set(keys);
  const c = doc.cluster;
  const namespaceSet = new Set(
    keys
      .map(parseElementKey)
      .filter((r) => r?.kind === 'Namespace')
      .map((r) => r!.name),
  );
  const layout: Record<string, Position> = {};
  for (const key of keys) if (doc.layout[key]) layout[key] = doc.layout[key];
  return {
    nodes: c.nodes.filter((n) => wanted.has(KEY_OF.nodes(n))),
    pods: c.pods.filter((p) => wanted.has(KEY_OF.pods(p))),
    services: c.services.filter((s) => wanted.has(KEY_OF.services(s))),
    ingresses: (c.ingresses ?? []).filter((i) => wanted.has(KEY_OF.ingresses(i))),
    networkPolicies: (c.networkPolicies ?? []).filter((p) => wanted.has(KEY_OF.networkPolicies(p))),
    externalClients: (c.externalClients ?? []).filter((x) => wanted.has(KEY_OF.externalClients(x))),
    namespaces: namespaceNames(c)
      .filter((n) => namespaceSet.has(n))
      .map((n) => (c.namespaces ?? []).find((s) => s.name === n) ?? { name: n }),
    layout,
  };
}

export function isClipboardEmpty(clip: Clipboard): boolean {
  return (
    clip.nodes.length +
      clip.pods.length +
      clip.services.length +
      clip.ingresses.length +
      clip.networkPolicies.length +
      clip.externalClients.length +
      clip.namespaces.length ===
    0
  );
}

/** The copy's name: `web` -> `web-copy`, then `web-copy-2`. */
function copyName(taken: Set<string>, name: string): string {
  const base = name.replace(/-copy(-\d+)?$/, '');
  const result = uniqueName(taken, `${base}-copy`.slice(0, 63));
  taken.add(result);
  return result;
}

/**
 * Adds copies of the clipboard's elements with fresh names (and no fixed addresses), offset from
 * the originals. Copied pods stay on their node unless that node was copied too.
 */
export function pasteElements(
  doc: ScenarioDocument,
  clip: Clipboard,
  offset: Position = { x: 40, y: 40 },
): EditResult {
  const c = doc.cluster;
  const keys: ElementKey[] = [];
  let layout = doc.layout;
  const place = (oldKey: string, newKey: ElementKey, shift: boolean) => {
    const at = clip.layout[oldKey];
    if (at)
      layout = setLayout(layout, newKey, shift ? { x: at.x + offset.x, y: at.y + offset.y } : at);
    keys.push(newKey);
  };

  const nodeNames = new Set(c.nodes.map((n) => n.name));
  const nodeRename = new Map<string, string>();
  const nodes = clip.nodes.map((n) => {
    const name = copyName(nodeNames, n.name);
    nodeRename.set(n.name, name);
    const rest = omit(n, 'ip', 'podCidr');
    const copy = { ...rest, name };
    place(KEY_OF.nodes(n), KEY_OF.nodes(copy), true);
    return copy;
  });

  const nsNames = new Set(namespaceNames(c));
  const nsRename = new Map<string, string>();
  const namespaces = clip.namespaces.map((n) => {
    const name = copyName(nsNames, n.name);
    nsRename.set(n.name, name);
    const copy = { ...n, name };
    place(KEY_OF.namespaces(n), KEY_OF.namespaces(copy), true);
    return copy;
  });
  const nsFor = <T extends { readonly namespace?: string }>(o: T): T => {
    const to = nsRename.get(nsOf(o));
    return to ? { ...o, namespace: to } : o;
  };

  const liveNodes = new Set([...c.nodes.map((n) => n.name), ...nodes.map((n) => n.name)]);
  const podNames = new Map<string, Set<string>>();
  const takenIn = (
    map: Map<string, Set<string>>,
    list: readonly { namespace?: string; name: string }[],
    ns: string,
  ) => {
    if (!map.has(ns)) map.set(ns, namesIn(list, ns));
    return map.get(ns)!;
  };
  const pods: PodSpec[] = [];
  for (const p of clip.pods) {
    const moved = nsFor(p);
    const nodeName = nodeRename.get(p.nodeName) ?? p.nodeName;
    if (!liveNodes.has(nodeName)) continue;
    const name = copyName(takenIn(podNames, c.pods, nsOf(moved)), p.name);
    const rest = omit(moved, 'ip');
    const copy: PodSpec = { ...rest, name, nodeName };
    // A pod pasted into a copied node keeps its place inside it; elsewhere it is shifted.
    place(KEY_OF.pods(p), KEY_OF.pods(copy), !nodeRename.has(p.nodeName));
    pods.push(copy);
  }

  const serviceNames = new Map<string, Set<string>>();
  const services = clip.services.map((s) => {
    const moved = nsFor(s);
    const name = copyName(takenIn(serviceNames, c.services, nsOf(moved)), s.name);
    const { clusterIP } = moved;
    const rest = omit(moved, 'clusterIP', 'loadBalancerIP', 'healthCheckNodePort');
    const copy: ServiceSpec = {
      ...rest,
      name,
      // A copy cannot keep fixed addresses or node ports: they would collide with the original.
      ...(clusterIP === 'None' ? { clusterIP } : {}),
      ports: rest.ports.map((port) => omit(port, 'nodePort')),
    };
    place(KEY_OF.services(s), KEY_OF.services(copy), true);
    return copy;
  });

  /** Copies that change nothing but the name (and the namespace, when that is copied too). */
  const renamedCopies = <T extends { readonly namespace?: string; readonly name: string }>(
    copied: readonly T[],
    existing: readonly T[],
    key: (o: T) => ElementKey,
  ) => {
    const taken = new Map<string, Set<string>>();
    return copied.map((o) => {
      const moved = nsFor(o);
      const copy = { ...moved, name: copyName(takenIn(taken, existing, nsOf(moved)), o.name) };
      place(key(o), key(copy), true);
      return copy;
    });
  };
  const ingresses = renamedCopies(clip.ingresses, c.ingresses ?? [], KEY_OF.ingresses);
  const networkPolicies = renamedCopies(
    clip.networkPolicies,
    c.networkPolicies ?? [],
    KEY_OF.networkPolicies,
  );

  const clientNames = new Set((c.externalClients ?? []).map((x) => x.name));
  const clientIps = new Set((c.externalClients ?? []).map((x) => x.ip));
  const externalClients = clip.externalClients.map((x) => {
    let ip = x.ip;
    const parts = ip.split('.');
    for (let host = Number(parts[3]) + 1; clientIps.has(ip) && host < 255; host++) {
      ip = [...parts.slice(0, 3), host].join('.');
    }
    clientIps.add(ip);
    const copy = { name: copyName(clientNames, x.name), ip };
    place(KEY_OF.externalClients(x), KEY_OF.externalClients(copy), true);
    return copy;
  });

  return {
    document: {
      ...doc,
      cluster: {
        ...c,
        nodes: [...c.nodes, ...nodes],
        namespaces: namespaces.length > 0 ? [...(c.namespaces ?? []), ...namespaces] : c.namespaces,
        pods: [...c.pods, ...pods],
        services: [...c.services, ...services],
        ...(ingresses.length > 0 ? { ingresses: [...(c.ingresses ?? []), ...ingresses] } : {}),
        ...(networkPolicies.length > 0
          ? { networkPolicies: [...(c.networkPolicies ?? []), ...networkPolicies] }
          : {}),
        ...(externalClients.length > 0
          ? { externalClients: [...(c.externalClients ?? []), ...externalClients] }
          : {}),
      },
      layout,
    },
    keys,
  };
}

export function duplicateElements(doc: ScenarioDocument, keys: readonly string[]): EditResult {
  return pasteElements(doc, copyElements(doc, keys));
}
