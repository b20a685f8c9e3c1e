/**
 * Traces one flow through the cluster: where it starts, every hop of the request, and the
 * reply that undoes each translation. The same model, probe and seed give the same trace.
 *
 * The flows, one module per family of paths in flows/:
 * - podToPod.ts          pod to pod by pod IP, and container to container over localhost
 * - serviceFromInside.ts a ClusterIP (or a load balancer IP) from a pod or a node, hairpin too
 * - nodePort.ts          a node's address: a NodePort, or a hostNetwork pod on the node
 * - loadBalancer.ts      an outside client to a load balancer: to a NodePort, proxied, IP targets
 * - ingressFlow.ts       an http(s) URL through the ingress controller
 * - gatewayFlow.ts       an http(s) URL through a Gateway's Envoy proxy (Gateway API)
 * - names.ts             a name: the DNS lookup, then what its answer leads to
 * - leaveCluster.ts      an address outside the cluster: egress policy, default route, masquerade
 * sendTo.ts picks the flow for an address; every flow shares the steps at its ends: origin.ts
 * (where the packet starts), policyCheck.ts (NetworkPolicy at a hop), steps.ts (delivery to a
 * pod, the reply, its way home) and flow.ts (the result and its trace). What the service proxy
 * and the CNI do on the way is in datapath/.
 *
 * To add a flow: write flows/<family>.ts exporting a function that returns a Flow built from
 * those shared steps, then route to it here (a new kind of probe target) or in sendTo.ts (a new
 * kind of destination address), and pin its rules in a table-driven test.
 */
import { podNamed, traceContext } from './datapath/context.ts';
import { finish, ProbeError } from './flows/flow.ts';
import { gatewayFlow } from './flows/gatewayFlow.ts';
import { parseHttpUrl } from './gateway/httpRequest.ts';
import { findGateway, gatewayForRequest } from './gateway/modelWorld.ts';
import { ingressFlow } from './flows/ingressFlow.ts';
import { traceName } from './flows/names.ts';
import { resolveOrigin } from './flows/origin.ts';
import { localhostFlow } from './flows/podToPod.ts';
import { defaultPortFor, firstContainerPort, sendTo } from './flows/sendTo.ts';
import { parseUrl } from './ingress.ts';
import type { ClusterModel } from './model.ts';
import { parseIpv4, type Protocol } from './net.ts';
import type { Probe, Trace } from './trace.ts';

export { ProbeError };

/** Traces a probe through the model. Throws ProbeError when the probe names unknown objects. */
export function runProbe(model: ClusterModel, probe: Probe): Trace {
  const ctx = traceContext(model, probe.seed ?? 1);
  const origin = resolveOrigin(ctx, probe);
  const protocol: Protocol = probe.protocol ?? 'TCP';
  const target = probe.to;

  switch (target.kind) {
    case 'localhost':
      return finish(probe, localhostFlow(ctx, origin, probe.port ?? 80, protocol));
    case 'pod': {
      const pod = podNamed(ctx, target.namespace, target.name);
      if (!pod) throw new ProbeError(`There is no pod ${target.namespace}/${target.name}.`);
      return finish(
        probe,
        sendTo(ctx, origin, pod.ip, probe.port ?? firstContainerPort(pod) ?? 80, protocol),
      );
    }
    case 'ip': {
      const ip = parseIpv4(target.ip);
      if (!ip) throw new ProbeError(`"${target.ip}" is not an IPv4 address.`);
      return finish(
        probe,
        sendTo(ctx, origin, ip, probe.port ?? defaultPortFor(ctx, ip), protocol),
      );
    }
    case 'name': {
      // An address written where a name goes is that address: no lookup.
      const ip = parseIpv4(target.name);
      if (ip) return runProbe(model, { ...probe, to: { kind: 'ip', ip } });
      return traceName(ctx, probe, origin, target.name, protocol);
    }
    case 'url': {
      const url = parseUrl(target.url);
      const req = parseHttpUrl(target.url, probe.http?.method, probe.http?.headers);
      if (!url || !req) throw new ProbeError(`"${target.url}" is not an http(s) URL.`);
      const named = probe.http?.gateway;
      const gateway = named ? findGateway(model, named) : gatewayForRequest(model, req);
      if (named && !gateway) throw new ProbeError(`There is no Gateway ${named}.`);
      if (gateway) return finish(probe, gatewayFlow(ctx, origin, req, gateway));
      return finish(probe, ingressFlow(ctx, origin, url));
    }
    default: {
      const never: never = target;
      throw new ProbeError(`Unknown target ${JSON.stringify(never)}.`);
    }
  }
}
