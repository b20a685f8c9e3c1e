/**
 * Gallery scenarios about the control plane as pods see it: Service default/kubernetes in
 * front of the API server. The outcome is checked by controlPlaneGallery.test.ts.
 */
import { DEFAULT_SETTINGS } from '../../engine/spec.ts';
import type { GalleryEntry } from './gallery.ts';
import { curl, flow, named, pod, podRef, twoNodes } from './builders.ts';

export const CONTROL_PLANE_GALLERY: readonly GalleryEntry[] = [
  {
    id: 'api-server',
    topic: 'Control plane',
    scenario: {
      title: 'A pod calls the API server',
      description:
        "client asks for kubernetes.default, the name every pod can use for the API server. CoreDNS answers with Service default/kubernetes, which the API server keeps itself on the first address of the Service range (10.96.0.1, port 443 named https). kube-proxy sends it to the API server's own address on 6443: with kubeadm it is a static pod in node-1's network namespace (tick System pods to see it). client runs on node-2, so the packet crosses the node network to node-1's address, which is outside the pod range: flanneld masquerades it and the API server sees node-2.",
      cluster: {
        settings: DEFAULT_SETTINGS,
        nodes: twoNodes,
        pods: [pod('client', 'node-2', { app: 'client' }, [curl])],
        services: [],
      },
      layout: {},
      flow: flow(podRef('client'), named('kubernetes.default'), 443),
    },
    expect: { verdict: 'Delivered', seenSource: 'node' },
  },
];
