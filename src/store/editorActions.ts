/**
 * Editor commands shared by the palette, the canvas, the inspector and the keyboard: each
 * applies a pure edit from documentEdits through setDocument (one undo step, seen by autosave),
 * then updates the selection and tells the person anything surprising.
 */
import type { Position } from '../scenario/scenarioDocument.ts';
import type { AppStore } from './appStore.ts';
import {
  addDeployment,
  addExternalClient,
  addIngress,
  addNamespace,
  addNetworkPolicy,
  addNode,
  addPod,
  addService,
  type ClientVariant,
  type ServiceVariant,
} from '../scenario/document/edits/addElements.ts';
import {
  copyElements,
  isClipboardEmpty,
  pasteElements,
  type Clipboard,
} from '../scenario/document/edits/clipboard.ts';
import { deleteElements } from '../scenario/document/edits/deleteElements.ts';
import { hasElement } from '../scenario/document/edits/documentQueries.ts';
import type { EditResult } from '../scenario/document/edits/editKit.ts';
import { SYSTEM_NAMESPACES } from '../scenario/document/clusterOptions.ts';
import { addGatewayWithRoute, convertIngressToGateway } from './gatewayEdits.ts';
import { isKeyOfKind, parseElementKey } from '../scenario/document/elementKey.ts';
import { selectSelectedKeys } from './selectors.ts';

export type PaletteItem =
  | { readonly kind: 'node' }
  | { readonly kind: 'pod' }
  | { readonly kind: 'deployment' }
  | { readonly kind: 'service'; readonly variant: ServiceVariant }
  | { readonly kind: 'ingress' }
  | { readonly kind: 'gateway' }
  | { readonly kind: 'client'; readonly variant: ClientVariant }
  | { readonly kind: 'namespace' }
  | { readonly kind: 'networkPolicy' };

/** The drag-and-drop type a palette item travels as. */
export const PALETTE_MIME = 'application/x-podpath-palette';

export function encodePaletteItem(item: PaletteItem): string {
  return JSON.stringify(item);
}

export function decodePaletteItem(text: string): PaletteItem | null {
  try {
    const value = JSON.parse(text) as PaletteItem;
    return typeof value === 'object' && value !== null && typeof value.kind === 'string'
      ? value
      : null;
  } catch {
    return null;
  }
}

/** Namespaces of the cluster's add-ons (CoreDNS and the ingress controllers). */
const SYSTEM = new Set(SYSTEM_NAMESPACES);

/** Objects the cluster adds itself (CoreDNS, the ingress controller): shown, never edited. */
export function isSystemKey(key: string): boolean {
  const ref = parseElementKey(key);
  if (!ref) return false;
  if (ref.kind === 'Namespace') return SYSTEM.has(ref.name);
  return ref.namespace !== undefined && SYSTEM.has(ref.namespace);
}

export interface PlaceOptions {
  /** Where it was dropped: absolute, or relative to the node for pods. */
  readonly position?: Position;
  /** The node a pod or Deployment was dropped on. */
  readonly nodeName?: string;
}

/** What the selection suggests for a new element: its node, namespace and app label. */
function contextOf(store: AppStore) {
  const state = store.getState();
  const key = state.selectedKey;
  const ref = key ? parseElementKey(key) : null;
  const cluster = state.document.cluster;
  if (!ref) return {};
  switch (ref.kind) {
    case 'Pod': {
      const pod = cluster.pods.find(
        (p) => p.name === ref.name && (p.namespace ?? 'default') === ref.namespace,
      );
      return pod
        ? { nodeName: pod.nodeName, namespace: ref.namespace, labels: pod.labels, pod: pod.name }
        : { namespace: ref.namespace };
    }
    case 'Node':
      return { nodeName: ref.name };
    case 'Namespace':
      return SYSTEM.has(ref.name) ? {} : { namespace: ref.name };
    default:
      return ref.namespace && !SYSTEM.has(ref.namespace) ? { namespace: ref.namespace } : {};
  }
}

/** Adds a palette item (clicked, or dropped at a place) and selects it. */
export function addPaletteItem(
  store: AppStore,
  item: PaletteItem,
  options: PlaceOptions = {},
): readonly string[] {
  const state = store.getState();
  const doc = state.document;
  const context = contextOf(store);
  const nodeName = options.nodeName ?? context.nodeName;
  const namespace = context.namespace;
  const base = { position: options.position, namespace };
  let result: EditResult;
  try {
    switch (item.kind) {
      case 'node':
        result = addNode(doc, { position: options.position });
        break;
      case 'pod':
        result = addPod(doc, { ...base, nodeName });
        break;
      case 'deployment':
        result = addDeployment(doc, { namespace, nodeName: options.nodeName });
        break;
      case 'service': {
        const port = context.labels
          ? doc.cluster.pods
              .find((p) => p.labels?.app === context.labels?.app)
              ?.containers.flatMap((c) => c.ports ?? [])[0]?.containerPort
          : undefined;
        result = addService(doc, item.variant, {
          ...base,
          forLabels: context.labels,
          forPod: context.pod,
          targetPort: port,
        });
        break;
      }
      case 'ingress':
        result = addIngress(doc, base);
        break;
      case 'gateway':
        result = addGatewayWithRoute(doc, base);
        break;
      case 'client':
        result = addExternalClient(doc, item.variant, { position: options.position });
        break;
      case 'namespace':
        result = addNamespace(doc, { position: options.position });
        break;
      case 'networkPolicy':
        result = addNetworkPolicy(doc, { ...base, forLabels: context.labels });
        break;
      default:
        return item satisfies never;
    }
  } catch (error) {
    state.showToast(error instanceof Error ? error.message : String(error));
    return [];
  }
  // A Deployment is inspected through its first replica.
  const selected = item.kind === 'deployment' ? result.keys.slice(0, 1) : result.keys;
  state.commitEdit({ ...result, keys: selected }, { select: true });
  if (item.kind === 'deployment') {
    state.showToast(
      `Deployment added: ${result.keys.length} replicas spread over the nodes, like the scheduler does.`,
    );
  }
  return result.keys;
}

/** Deletes the selected elements; the cluster's own objects and load balancers stay. */
export function deleteSelection(store: AppStore, keys = selectSelectedKeys(store.getState())) {
  const state = store.getState();
  const system = keys.filter(isSystemKey);
  const lbs = keys.filter((k) => isKeyOfKind(k, 'LoadBalancer'));
  const wanted = keys.filter((k) => !isSystemKey(k) && !isKeyOfKind(k, 'LoadBalancer'));
  if (wanted.length === 0) {
    if (lbs.length > 0) {
      state.showToast(
        'A load balancer belongs to its Service: change the Service type or delete the Service.',
      );
    } else if (system.length > 0) {
      state.showToast(
        'CoreDNS and the ingress controller are cluster add-ons; turn the ingress controller off in the cluster settings.',
      );
    }
    return;
  }
  state.commitEdit(deleteElements(state.document, wanted));
  state.setSelection([]);
}

let clipboard: Clipboard | null = null;

export function copySelection(store: AppStore, keys = selectSelectedKeys(store.getState())) {
  const copy = copyElements(
    store.getState().document,
    keys.filter((k) => !isSystemKey(k)),
  );
  if (isClipboardEmpty(copy)) return false;
  clipboard = copy;
  return true;
}

export function cutSelection(store: AppStore) {
  if (copySelection(store)) deleteSelection(store);
}

export function pasteClipboard(store: AppStore) {
  if (!clipboard) {
    store.getState().showToast('Nothing to paste: copy something first (Ctrl+C).');
    return;
  }
  const result = pasteElements(store.getState().document, clipboard);
  store.getState().setDocument(result.document);
  store.getState().setSelection(result.keys);
  // The next paste lands a step further on.
  clipboard = {
    ...clipboard,
    layout: Object.fromEntries(
      Object.entries(clipboard.layout).map(([k, p]) => [k, { x: p.x + 40, y: p.y + 40 }]),
    ),
  };
}

export function duplicateSelection(store: AppStore, keys = selectSelectedKeys(store.getState())) {
  const state = store.getState();
  const result = pasteElements(
    state.document,
    copyElements(
      state.document,
      keys.filter((k) => !isSystemKey(k)),
    ),
  );
  if (result.keys.length === 0) return;
  state.setDocument(result.document);
  state.setSelection(result.keys);
}

/** After undo or redo, drop selected keys that no longer exist. */
export function pruneSelection(store: AppStore) {
  const state = store.getState();
  const keys = selectSelectedKeys(state);
  const kept = keys.filter((k) => isSystemKey(k) || hasElement(state.document, k));
  if (kept.length !== keys.length) state.setSelection(kept);
}

export function undo(store: AppStore) {
  store.getState().undo();
  pruneSelection(store);
}

export function redo(store: AppStore) {
  store.getState().redo();
  pruneSelection(store);
}

/**
 * Adds the Gateway API equivalent of an Ingress next to it (one undo step), selects what was
 * added and says what happened, including anything that could not be carried over.
 */
export function convertIngressToGatewayApi(store: AppStore, ingressKey: string) {
  const state = store.getState();
  let result: EditResult;
  try {
    result = convertIngressToGateway(state.document, ingressKey);
  } catch (error) {
    state.showToast(error instanceof Error ? error.message : String(error));
    return;
  }
  state.setDocument(result.document);
  state.setSelection(result.keys.slice(0, 1));
  if (result.note) state.showToast(result.note);
}
