/**
 * The palette: everything a person can add to the cluster. Click an item to add it next to the
 * selection (a pod goes onto the selected node, a Service selects the selected pod's app), or
 * drag it onto the canvas (a pod onto the node it should run on).
 */
import type { DragEvent } from 'react';
import { appStore, useAppStore } from '../store/appStore.ts';
import {
  addPaletteItem,
  encodePaletteItem,
  PALETTE_MIME,
  type PaletteItem,
} from '../store/editorActions.ts';
import { parseElementKey } from '../scenario/document/elementKey.ts';
import { selectCluster, selectSelectedKey } from '../store/selectors.ts';
import { KIND_TONE, KindIcon, type Kind } from '../ui/kinds.tsx';

interface Entry {
  readonly item: PaletteItem;
  readonly kind: Kind;
  readonly title: string;
  /** Accessible name: "Add <what>". */
  readonly what: string;
  readonly description: string;
  readonly needsNode?: boolean;
}

type Row = readonly [
  item: PaletteItem,
  kind: Kind,
  title: string,
  what: string,
  description: string,
  needsNode?: boolean,
];

/**
 * One row a button: what it adds, its icon, its label, "Add <what>", its tooltip, and whether it
 * needs a node to land on.
 */
// prettier-ignore
const TABLE: readonly (readonly [group: string, rows: readonly Row[]])[] = [
  ['Cluster', [
    [{ kind: 'node' }, 'Node', 'Node', 'node', 'A machine that runs pods; it gets an IP and a block of pod addresses.'],
    [{ kind: 'pod' }, 'Pod', 'Pod', 'pod', 'One or more containers sharing an IP. Drop it on the node it should run on.', true],
    [{ kind: 'deployment' }, 'Deployment', 'Deployment', 'Deployment', 'Replicas of one pod template, spread over the nodes.', true],
    [{ kind: 'namespace' }, 'Namespace', 'Namespace', 'namespace', 'A name scope with labels that policies can select.'],
  ]],
  ['Service', [
    [{ kind: 'service', variant: 'ClusterIP' }, 'Service', 'ClusterIP', 'ClusterIP Service', 'A virtual IP in front of the pods its selector matches.'],
    [{ kind: 'service', variant: 'Headless' }, 'Service', 'Headless', 'headless Service', 'No virtual IP: DNS returns the pods themselves.'],
    [{ kind: 'service', variant: 'NodePort' }, 'Service', 'NodePort', 'NodePort Service', 'Also open on a port of every node.'],
    [{ kind: 'service', variant: 'LoadBalancer' }, 'LoadBalancer', 'LoadBalancer', 'LoadBalancer Service', 'A NodePort Service with a cloud load balancer in front.'],
    [{ kind: 'service', variant: 'ExternalName' }, 'Service', 'ExternalName', 'ExternalName Service', 'A DNS alias for a name outside the cluster.'],
  ]],
  ['Traffic in', [
    [{ kind: 'ingress' }, 'Ingress', 'Ingress', 'Ingress', 'HTTP routing by host and path, served by the ingress controller.'],
    [{ kind: 'gateway' }, 'Gateway', 'Gateway', 'Gateway with an HTTPRoute', 'Gateway API: a Gateway (Envoy proxy behind a load balancer) and an HTTPRoute to a Service.'],
    [{ kind: 'client', variant: 'internet' }, 'Internet', 'Internet user', 'Internet user', 'A client on the Internet with a public address.'],
    [{ kind: 'client', variant: 'office' }, 'Laptop', 'Office laptop', 'office laptop', 'A client on the office network with a private address.'],
    [{ kind: 'client', variant: 'service' }, 'OutsideService', 'Outside service', 'outside service', 'Something pods call outside the cluster (a managed database, a payment API): an address and ports.'],
  ]],
  ['Policy', [
    [{ kind: 'networkPolicy' }, 'NetworkPolicy', 'NetworkPolicy', 'NetworkPolicy', 'Allows or denies traffic to the pods it selects.'],
  ]],
];

const GROUPS: readonly { readonly title: string; readonly entries: readonly Entry[] }[] = TABLE.map(
  ([title, rows]) => ({
    title,
    entries: rows.map(([item, kind, entryTitle, what, description, needsNode]) => ({
      item,
      kind,
      title: entryTitle,
      what,
      description,
      needsNode,
    })),
  }),
);

export function Palette() {
  const cluster = useAppStore(selectCluster);
  const selectedKey = useAppStore(selectSelectedKey);
  const noNodes = cluster.nodes.length === 0;
  const target = (() => {
    const ref = selectedKey ? parseElementKey(selectedKey) : null;
    if (ref?.kind === 'Node') return ref.name;
    if (ref?.kind === 'Pod') {
      return cluster.pods.find(
        (p) => p.name === ref.name && (p.namespace ?? 'default') === ref.namespace,
      )?.nodeName;
    }
    return undefined;
  })();

  const onDragStart = (event: DragEvent, item: PaletteItem) => {
    event.dataTransfer.setData(PALETTE_MIME, encodePaletteItem(item));
    // The kind travels in the type list too: drop targets can only read types while dragging.
    if (item.kind === 'pod' || item.kind === 'deployment') {
      event.dataTransfer.setData(`${PALETTE_MIME}+pod`, '1');
    }
    event.dataTransfer.effectAllowed = 'copy';
  };

  return (
    <nav
      aria-label="Palette"
      className="flex w-[188px] shrink-0 flex-col overflow-y-auto border-r border-slate-200 bg-white"
    >
      <p className="px-4 pt-3 pb-1 text-[12px] leading-snug text-slate-500">
        Click to add, or drag onto the canvas.
      </p>
      {GROUPS.map((group) => (
        <div key={group.title} role="group" aria-label={group.title} className="px-2 pt-2">
          <h2 className="px-2 pb-1 text-[11px] font-semibold tracking-wide text-slate-500 uppercase">
            {group.title}
          </h2>
          <ul className="flex flex-col gap-0.5">
            {group.entries.map((entry) => {
              const disabled = entry.needsNode && noNodes;
              return (
                <li key={entry.what}>
                  <button
                    type="button"
                    draggable={!disabled}
                    disabled={disabled}
                    aria-label={`Add ${entry.what}`}
                    title={disabled ? 'Add a node first: pods run on nodes.' : entry.description}
                    onDragStart={(e) => onDragStart(e, entry.item)}
                    onClick={() => addPaletteItem(appStore, entry.item)}
                    className="group flex w-full cursor-grab items-center gap-2.5 rounded-md px-2 py-1.5 text-left text-[13px] text-slate-800 hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-sky-400 focus-visible:outline-none active:cursor-grabbing disabled:cursor-not-allowed disabled:opacity-45"
                  >
                    <span
                      className={`grid h-7 w-7 shrink-0 place-items-center rounded-md border ${KIND_TONE[entry.kind].chip}`}
                    >
                      <KindIcon
                        kind={entry.kind}
                        className={`h-4 w-4 ${KIND_TONE[entry.kind].icon}`}
                      />
                    </span>
                    <span className="min-w-0 flex-1 leading-tight font-medium break-words">
                      {entry.title}
                    </span>
                    <span
                      aria-hidden="true"
                      className="text-[15px] leading-none text-slate-400 opacity-0 group-hover:opacity-100 group-focus-visible:opacity-100"
                    >
                      +
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
      <p className="mt-auto border-t border-slate-100 px-4 py-3 text-[12px] leading-snug text-slate-500">
        {noNodes
          ? 'Start with a node: pods run on nodes.'
          : target
            ? `New pods go to ${target} (selected).`
            : 'New pods go to the node with the fewest pods.'}
      </p>
    </nav>
  );
}
