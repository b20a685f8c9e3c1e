/**
 * Small builders for the built-in scenarios (the first-visit scenario and the gallery): the
 * pods, Services and flows they repeat. Each builds its object with the keys in the order the
 * built-in documents have always had, so links and fixtures made from them do not change.
 */
import {
  DEFAULT_SETTINGS,
  type ClusterSettings,
  type ContainerSpec,
  type PodSpec,
  type ServiceSpec,
} from '../../engine/spec.ts';
import type { Probe, ProbeSource, ProbeTarget } from '../../engine/trace.ts';

/** An nginx container serving HTTP on a named port. */
export const web = (port = 8080): ContainerSpec => ({
  name: 'web',
  image: 'nginx',
  ports: [{ name: 'http', containerPort: port }],
});

/** A container with one named port. */
export const serving = (name: string, image: string, portName: string, port: number) => ({
  name,
  image,
  ports: [{ name: portName, containerPort: port }],
});

/** The client's container: curl, no ports. */
export const curl: ContainerSpec = { name: 'curl', image: 'curlimages/curl' };

export const pod = (
  name: string,
  nodeName: string,
  labels: Record<string, string>,
  containers: ContainerSpec[],
  extra: Partial<PodSpec> = {},
): PodSpec => ({
  name,
  nodeName,
  labels,
  containers,
  ...extra,
});

export const twoNodes = [{ name: 'node-1' }, { name: 'node-2' }];

export const settingsWith = (patch: Partial<ClusterSettings>): ClusterSettings => ({
  ...DEFAULT_SETTINGS,
  ...patch,
});

/** A Service selecting pods by labels; `extra` (type, addresses, namespace) goes after the name. */
export const service = (
  name: string,
  selector: Record<string, string>,
  ports: ServiceSpec['ports'],
  extra: Partial<ServiceSpec> = {},
): ServiceSpec => ({ name, ...extra, selector, ports });

/** A pod as a flow's source or target. */
export const podRef = (name: string, namespace = 'default') =>
  ({ kind: 'pod', namespace, name }) as const;

/** A name the pod's resolver looks up (a Service, `web.tools`). */
export const named = (name: string) => ({ kind: 'name', name }) as const;

export const external = (name: string) => ({ kind: 'external', name }) as const;

export const ipTarget = (ip: string) => ({ kind: 'ip', ip }) as const;

export const urlTarget = (url: string) => ({ kind: 'url', url }) as const;

/** A flow; a URL flow has no port of its own (the URL's scheme gives it). */
export const flow = (from: ProbeSource, to: ProbeTarget, port?: number): Probe => ({
  from,
  to,
  ...(port === undefined ? {} : { port }),
});
