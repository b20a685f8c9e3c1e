import { DEFAULT_SETTINGS } from '../../engine/spec.ts';
import type { ScenarioDocument } from '../scenarioDocument.ts';

/** The scenario a first visit opens on: two nodes, a client, two web pods behind a ClusterIP. */
export const defaultScenario: ScenarioDocument = {
  title: 'Pod to a ClusterIP Service',
  description:
    'A client pod on node-1 calls the web Service by name. kube-proxy on node-1 rewrites the ' +
    'ClusterIP to one of the two web pods, and the reply comes back from the ClusterIP.',
  cluster: {
    settings: DEFAULT_SETTINGS,
    nodes: [{ name: 'node-1' }, { name: 'node-2' }],
    pods: [
      {
        name: 'client',
        nodeName: 'node-1',
        labels: { app: 'client' },
        containers: [{ name: 'curl', image: 'curlimages/curl' }],
      },
      {
        name: 'web-1',
        nodeName: 'node-1',
        labels: { app: 'web' },
        ownerRef: 'Deployment/web',
        containers: [
          { name: 'web', image: 'nginx', ports: [{ name: 'http', containerPort: 8080 }] },
        ],
      },
      {
        name: 'web-2',
        nodeName: 'node-2',
        labels: { app: 'web' },
        ownerRef: 'Deployment/web',
        containers: [
          { name: 'web', image: 'nginx', ports: [{ name: 'http', containerPort: 8080 }] },
        ],
      },
    ],
    services: [
      {
        name: 'web',
        type: 'ClusterIP',
        selector: { app: 'web' },
        ports: [{ name: 'http', port: 80, targetPort: 8080 }],
      },
    ],
  },
  layout: {},
  flow: {
    from: { kind: 'pod', namespace: 'default', name: 'client' },
    to: { kind: 'name', name: 'web' },
    port: 80,
    protocol: 'TCP',
    seed: 1,
  },
};
