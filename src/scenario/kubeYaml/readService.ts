/** Reader for Services: type, ports, addresses, traffic policies and session affinity. */
import { parseIpv4 } from '../../engine/net.ts';
import type { ServicePortSpec, ServiceSpec, ServiceType } from '../../engine/spec.ts';
import { loadBalancerModeFrom } from './extensionAnnotations.ts';
import { isDnsLabel, type Fields, type FieldTable } from './fields.ts';
import { checkObjectKeys, optional, readMeta, readPortEntry } from './readCommonFields.ts';

const SERVICE_TYPES: readonly ServiceType[] = [
  'ClusterIP',
  'NodePort',
  'LoadBalancer',
  'ExternalName',
];

const SERVICE_SPEC_FIELDS: FieldTable = {
  type: 'read',
  selector: 'read',
  ports: 'read',
  clusterIP: 'read',
  clusterIPs: 'read',
  externalName: 'read',
  externalTrafficPolicy: 'read',
  internalTrafficPolicy: 'read',
  sessionAffinity: 'read',
  sessionAffinityConfig: 'read',
  loadBalancerIP: 'read',
  healthCheckNodePort: 'read',
  ipFamilies: 'read',
  ipFamilyPolicy: 'ignore',
  externalIPs: { skip: 'traffic to externalIPs is not simulated.' },
  loadBalancerSourceRanges: {
    skip: 'the simulated load balancer does not filter by source range.',
  },
  loadBalancerClass: {
    skip: 'PodPath runs one load balancer implementation; the class is ignored.',
  },
  publishNotReadyAddresses: 'read',
  allocateLoadBalancerNodePorts: 'read',
  trafficDistribution: { skip: 'topology-aware routing preferences are not simulated.' },
};

export function readService(obj: Record<string, unknown>, f: Fields): ServiceSpec | undefined {
  checkObjectKeys(obj, f, { spec: 'read', status: 'read' });
  const meta = readMeta(obj, f, { namespaced: true, nameIsLabel: true });
  if (!meta) return undefined;
  const spec = f.rec(obj, 'spec', '') ?? {};
  f.checkKeys(spec, 'spec', SERVICE_SPEC_FIELDS);
  const typeText = f.str(spec, 'type', 'spec');
  if (typeText !== undefined && !(SERVICE_TYPES as readonly string[]).includes(typeText)) {
    f.reject(
      'spec.type',
      `"${typeText}" is not ClusterIP, NodePort, LoadBalancer or ExternalName.`,
    );
    return undefined;
  }
  const type = typeText as ServiceType | undefined;
  if ((f.strings(spec, 'ipFamilies', 'spec') ?? []).includes('IPv6')) {
    f.warn('spec.ipFamilies', 'PodPath simulates IPv4 only; the IPv6 family is ignored.');
  }

  let clusterIP = f.str(spec, 'clusterIP', 'spec');
  if (clusterIP?.includes(':')) {
    // Dual stack with IPv6 first: the IPv4 address, if any, is in clusterIPs.
    clusterIP =
      (f.strings(spec, 'clusterIPs', 'spec') ?? []).find((x) => parseIpv4(x)) ?? clusterIP;
  }
  if (
    clusterIP === '' ||
    (clusterIP !== undefined && clusterIP !== 'None' && !parseIpv4(clusterIP))
  ) {
    if (clusterIP)
      f.warn('spec.clusterIP', `"${clusterIP}" is not an IPv4 address; PodPath allocates one.`);
    clusterIP = undefined;
  }
  if (type === 'ExternalName') clusterIP = undefined;

  const ports: ServicePortSpec[] = [];
  for (const p of f.records(spec, 'ports', 'spec')) {
    f.checkKeys(p.value, p.path, {
      name: 'read',
      port: 'read',
      targetPort: 'read',
      nodePort: 'read',
      protocol: 'read',
      appProtocol: 'ignore',
    });
    const entry = readPortEntry(p, 'port', 'a Service port', isDnsLabel, f);
    if (!entry) continue;
    ports.push({
      ...optional('name', entry.name),
      port: entry.number,
      ...optional('targetPort', f.portOrName(p.value, 'targetPort', p.path)),
      ...optional('nodePort', f.port(p.value, 'nodePort', p.path)),
      ...optional('protocol', entry.protocol),
    });
  }

  const etp = f.str(spec, 'externalTrafficPolicy', 'spec');
  const itp = f.str(spec, 'internalTrafficPolicy', 'spec');
  const affinity = f.str(spec, 'sessionAffinity', 'spec');
  const policy = (v: string | undefined, field: string): 'Cluster' | 'Local' | undefined => {
    if (v === undefined || v === 'Cluster' || v === 'Local') return v;
    f.warn(`spec.${field}`, `"${v}" is not Cluster or Local; ignored.`);
    return undefined;
  };
  let sessionAffinity: 'None' | 'ClientIP' | undefined;
  if (affinity === 'None' || affinity === 'ClientIP') sessionAffinity = affinity;
  else if (affinity !== undefined)
    f.warn('spec.sessionAffinity', `"${affinity}" is not None or ClientIP; ignored.`);
  const affinityConfig = f.rec(spec, 'sessionAffinityConfig', 'spec');
  const clientIp = affinityConfig
    ? f.rec(affinityConfig, 'clientIP', 'spec.sessionAffinityConfig')
    : undefined;
  const timeout = clientIp
    ? f.int(clientIp, 'timeoutSeconds', 'spec.sessionAffinityConfig.clientIP', {
        min: 1,
        max: 86400,
      })
    : undefined;

  let loadBalancerIP = f.str(spec, 'loadBalancerIP', 'spec') || undefined;
  if (loadBalancerIP !== undefined && !parseIpv4(loadBalancerIP)) {
    f.warn('spec.loadBalancerIP', `"${loadBalancerIP}" is not an IPv4 address; ignored.`);
    loadBalancerIP = undefined;
  }
  const status = f.rec(obj, 'status', '') ?? {};
  const lb = f.rec(status, 'loadBalancer', 'status');
  if (loadBalancerIP === undefined && lb && type === 'LoadBalancer') {
    for (const ing of f.records(lb, 'ingress', 'status.loadBalancer')) {
      const ip = f.str(ing.value, 'ip', ing.path);
      if (ip && parseIpv4(ip)) {
        loadBalancerIP = ip;
        break;
      }
      const host = f.str(ing.value, 'hostname', ing.path);
      if (host) {
        f.warn(
          `${ing.path}.hostname`,
          `the load balancer is known by the name ${host}, not an address; PodPath allocates an address.`,
        );
      }
    }
  }

  const selector = f.labels(spec, 'selector', 'spec');
  const externalName = f.str(spec, 'externalName', 'spec');
  if (type === 'ExternalName' && !externalName) {
    f.reject('spec.externalName', 'is required for an ExternalName Service.');
    return undefined;
  }
  if (f.invalid) return undefined;
  return {
    name: meta.name,
    ...optional('namespace', meta.namespace),
    ...optional('creationTimestamp', meta.creationTimestamp),
    ...optional('type', type),
    ...optional('clusterIP', clusterIP),
    ...optional('selector', selector),
    ports,
    ...optional('externalName', type === 'ExternalName' ? externalName : undefined),
    ...optional('externalTrafficPolicy', policy(etp, 'externalTrafficPolicy')),
    ...optional('internalTrafficPolicy', policy(itp, 'internalTrafficPolicy')),
    ...optional('sessionAffinity', sessionAffinity),
    ...optional('sessionAffinityTimeoutSeconds', timeout),
    ...optional('loadBalancerIP', loadBalancerIP),
    ...optional('healthCheckNodePort', f.port(spec, 'healthCheckNodePort', 'spec')),
    ...optional(
      'publishNotReadyAddresses',
      f.bool(spec, 'publishNotReadyAddresses', 'spec') || undefined,
    ),
    ...optional(
      'allocateLoadBalancerNodePorts',
      type === 'LoadBalancer' && f.bool(spec, 'allocateLoadBalancerNodePorts', 'spec') === false
        ? false
        : undefined,
    ),
    ...optional(
      'loadBalancerMode',
      type === 'LoadBalancer' ? loadBalancerModeFrom(meta.annotations) : undefined,
    ),
  };
}
