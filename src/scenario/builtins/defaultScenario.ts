import { DEFAULT_SETTINGS } from '../../engine/spec.ts';
import type { ScenarioDocument } from '../scenarioDocument.ts';
import { curl, flow, named, podRef, service, twoNodes, web } from './builders.ts';

/** A web pod of the web Deployment. */
const webReplica = (name: string, nodeName: string) => ({
  name,
  nodeName,
  labels: { app: 'web' },
  ownerRef: 'Deployment/web',
  containers: [web()],
});

/** The scenario a first visit opens on: two nodes, a client, two web pods behind a ClusterIP. */
export const defaultScenario: ScenarioDocument = {
  title: 'Pod to a ClusterIP Service',
  description:
    'A client pod on node-1 calls the web Service by name. kube-proxy on node-1 rewrites the ' +
    'ClusterIP to one of the two web pods, and the reply comes back from the ClusterIP.',
  cluster: {
    settings: DEFAULT_SETTINGS,
    nodes: twoNodes,
    pods: [
      { name: 'client', nodeName: 'node-1', labels: { app: 'client' }, containers: [curl] },
      webReplica('web-1', 'node-1'),
      webReplica('web-2', 'node-2'),
    ],
    services: [
      service('web', { app: 'web' }, [{ name: 'http', port: 80, targetPort: 8080 }], {
        type: 'ClusterIP',
      }),
    ],
  },
  layout: {},
  flow: { ...flow(podRef('client'), named('web'), 80), protocol: 'TCP', seed: 1 },
};
