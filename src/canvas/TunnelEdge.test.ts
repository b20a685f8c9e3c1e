import { describe, expect, it } from 'vitest';
import { GALLERY } from '../scenario/builtins/gallery.ts';
import { createAppStore } from '../store/appStore.ts';
import { tunnelLabel } from '../store/traceSteps.ts';

const crossNode = GALLERY.find((g) => g.id === 'cross-node-flannel-vxlan')!.scenario;

const MODES = [
  ['flannel', 'vxlan'],
  ['flannel', 'host-gw'],
  ['calico', 'bgp'],
  ['calico', 'ipip'],
  ['calico', 'vxlan'],
  ['cilium', 'vxlan'],
  ['cilium', 'geneve'],
  ['cilium', 'native'],
  ['weave', 'fastdp'],
  ['weave', 'sleeve'],
  ['kube-router', 'full'],
  ['kube-router', 'subnet'],
  ['kube-router', 'none'],
] as const;

describe('the link between nodes', () => {
  it.each(MODES)('is labelled as %s %s carries packets across nodes', async (plugin, mode) => {
    const document = {
      ...crossNode,
      cluster: {
        ...crossNode.cluster,
        settings: { ...crossNode.cluster.settings, cni: { plugin, mode } },
      },
    };
    // Node has no workers: the store traces in the page, as the app does when a worker fails.
    const store = createAppStore({ document });
    await store.getState().sendProbe(crossNode.flow!);
    const outer = store.getState().trace!.hops.find((h) => h.verdict === 'Encapsulated')
      ?.after.outer;
    // The link the canvas draws is labelled with the engine's words for this CNI and mode.
    const style = store.getState().model!.settings.nodeLink;
    expect(style.tunnel).toBe(outer !== undefined);
    // kube-router names its tunnel after the peer (tun-<address>); the label says so.
    if (outer) expect(style.label).toBe(tunnelLabel(outer).replace(/tun-\d+$/, 'tun-<peer>'));
  });
});
