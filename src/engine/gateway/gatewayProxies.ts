/**
 * The proxies a Gateway controller runs for each Gateway it accepts. Envoy Gateway (the
 * implementation PodPath simulates for every GatewayClass) creates, per Gateway, an Envoy
 * Deployment and a LoadBalancer Service in its own namespace `envoy-gateway-system`, named
 * `envoy-<gateway namespace>-<gateway name>-<hash>` and labelled with the owning Gateway;
 * each listener port becomes a Service port, and Envoy listens on the port + 10000 below 1024
 * because it runs without root (gateway.envoyproxy.io, "Gateway API Support" and
 * "Customize EnvoyProxy"; the generated names and labels as `kubectl get svc -n
 * envoy-gateway-system` shows them).
 */
import { fnv1a, hex } from '../hash.ts';
import type { Labels, PodSpec, ServiceSpec } from '../spec.ts';
import type { GatewayClassSpec, GatewaySpec } from './gatewaySpec.ts';
import { nsOf } from './routeStatus.ts';

import { GATEWAY_PROXY_NAMESPACE } from '../systemNamespaces.ts';

export { GATEWAY_PROXY_NAMESPACE };

/** The port Envoy listens on for a listener port (privileged ports move up by 10000). */
export function proxyContainerPort(listenerPort: number): number {
  return listenerPort < 1024 ? listenerPort + 10000 : listenerPort;
}

/** The name Envoy Gateway gives the Deployment and Service of a Gateway. */
export function gatewayProxyName(gateway: GatewaySpec): string {
  const ns = nsOf(gateway);
  const base = `envoy-${ns}-${gateway.name}`.slice(0, 54);
  return `${base}-${hex(fnv1a(`${ns}/${gateway.name}`), 8)}`;
}

export function gatewayProxyLabels(gateway: GatewaySpec): Labels {
  return {
    'app.kubernetes.io/name': 'envoy',
    'app.kubernetes.io/component': 'proxy',
    'app.kubernetes.io/managed-by': 'envoy-gateway',
    'gateway.envoyproxy.io/owning-gateway-name': gateway.name,
    'gateway.envoyproxy.io/owning-gateway-namespace': nsOf(gateway),
  };
}

/**
 * The proxy pod and LoadBalancer Service of each Gateway whose class exists (a Gateway of an
 * unknown class is not programmed by anyone). Pods go round the nodes, one per Gateway.
 */
export function gatewayProxyObjects(
  gateways: readonly GatewaySpec[],
  classes: readonly GatewayClassSpec[],
  nodeNames: readonly string[],
): { pods: PodSpec[]; services: ServiceSpec[] } {
  const pods: PodSpec[] = [];
  const services: ServiceSpec[] = [];
  gateways.forEach((gw, i) => {
    if (!classes.some((c) => c.name === gw.gatewayClassName) || nodeNames.length === 0) return;
    const name = gatewayProxyName(gw);
    const labels = gatewayProxyLabels(gw);
    const ports = [...new Set(gw.listeners.map((l) => l.port))];
    pods.push({
      name: `${name}-0`,
      namespace: GATEWAY_PROXY_NAMESPACE,
      labels,
      nodeName: nodeNames[(i + 1) % nodeNames.length],
      ownerRef: `Deployment/${name}`,
      containers: [
        {
          name: 'envoy',
          image: 'docker.io/envoyproxy/envoy',
          ports: ports.map((p) => ({ containerPort: proxyContainerPort(p) })),
        },
      ],
    });
    const address = gw.addresses?.find((a) => (a.type ?? 'IPAddress') === 'IPAddress')?.value;
    services.push({
      name,
      namespace: GATEWAY_PROXY_NAMESPACE,
      type: 'LoadBalancer',
      // Envoy Gateway's default for the proxy Service, so Envoy sees the client's address.
      externalTrafficPolicy: 'Local',
      selector: labels,
      ...(address ? { loadBalancerIP: address } : {}),
      ports: ports.map((p) => ({
        name: `http-${p}`,
        port: p,
        targetPort: proxyContainerPort(p),
      })),
    });
  });
  return { pods, services };
}
