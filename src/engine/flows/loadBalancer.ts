/**
 * A client outside the cluster to a LoadBalancer Service's address: a cloud load balancer that
 * passes the connection to a NodePort (keeping the client address), one that proxies it (a new
 * TCP connection from its own address), or one that targets pod IPs directly.
 */
import type { TraceContext } from '../datapath/context.ts';
import type { Journey } from '../datapath/journey.ts';
import {
  endpointCandidates,
  findServicePort,
  loadBalancingCandidates,
  noEndpointsText,
} from '../datapath/kubeProxy.ts';
import {
  clientLocation,
  lbLocation,
  nodeLocation,
  nodeOfPod,
  withDestination,
} from '../datapath/paths.ts';
import type { ExternalClientModel, ServiceModel } from '../model.ts';
import type { Ipv4 } from '../net.ts';
import type { Decision } from '../trace.ts';
import { DropReason, Place, Verdict } from '../vocabulary.ts';
import { dropped, type Flow } from './flow.ts';
import { nodePortFlow, type LoadBalancerLeg } from './nodePort.ts';
import { ephemeralPort } from './origin.ts';
import { answered, deliverAndAnswer } from './steps.ts';

export function loadBalancerFlow(
  ctx: TraceContext,
  j: Journey,
  client: ExternalClientModel,
  svc: ServiceModel,
): Flow {
  const { ip: lbIp, port: lbPort } = j.packet.dst;
  const protocol = j.packet.protocol;
  j.step(
    clientLocation(client),
    Verdict.Forwarded,
    `${client.name} (${client.ip}) sends the packet to the load balancer at ${lbIp}:${lbPort}.`,
  );
  const portIndex = findServicePort(svc, lbPort, protocol);
  if (portIndex < 0) {
    j.drop(
      lbLocation(svc),
      DropReason.PortNotExposed,
      `The load balancer of Service ${svc.name} has no listener for ${protocol} port ${lbPort}.`,
    );
    return dropped(j);
  }
  const mode = svc.loadBalancerMode ?? 'nodeport';
  if (mode === 'proxy' && protocol !== 'TCP') {
    j.drop(
      lbLocation(svc),
      DropReason.PortNotExposed,
      `The load balancer of Service ${svc.name} is a TCP proxy (like AWS's Classic ELB): its listeners speak TCP only, so there is none for ${protocol} port ${lbPort}.`,
    );
    return dropped(j);
  }
  if (mode === 'ip' || mode === 'ip-preserve')
    return ipTargetFlow(ctx, j, client, svc, portIndex, mode === 'ip-preserve');
  const sp = svc.ports[portIndex];
  if (sp.nodePort === undefined) {
    j.drop(
      lbLocation(svc),
      DropReason.NoNodePort,
      `The load balancer sends to a node port on each node, but port ${sp.name ?? sp.port} of Service ${svc.name} has none: allocateLoadBalancerNodePorts is false, which is meant only for load balancers that do not rely on node ports (IP targets, or MetalLB and Cilium, which bring the address itself to a node, where the service proxy answers for it). This one has no target to send to.`,
    );
    return dropped(j);
  }
  const local = svc.externalTrafficPolicy === 'Local';
  const nodes = ctx.model.nodes.filter(
    (n) => !local || endpointCandidates(svc, portIndex, n).length > 0,
  );
  if (nodes.length === 0) {
    j.drop(
      lbLocation(svc),
      DropReason.NoEndpoints,
      local
        ? `Every node fails the load balancer's health check on healthCheckNodePort ${svc.healthCheckNodePort}: with externalTrafficPolicy: Local only nodes that run a ready endpoint answer it, and none does.`
        : `Service ${svc.name} has no ready endpoints, so the load balancer has nowhere healthy to send the connection.`,
    );
    return dropped(j);
  }
  const idx = Math.min(nodes.length - 1, Math.floor(ctx.random() * nodes.length));
  const node = nodes[idx];
  const health: Decision = {
    kind: 'load-balancing',
    summary: local
      ? `health check on healthCheckNodePort ${svc.healthCheckNodePort} passes only on nodes with a local endpoint`
      : 'every node passes the health check',
    ref: svc.ref,
    candidates: nodes.map((n, i) => ({
      label: n.name,
      endpoint: { ip: n.ip, port: sp.nodePort as number },
      node: n.name,
      probability: 1 / nodes.length,
      chosen: i === idx,
    })),
  };
  const healthText = local
    ? `; nodes without a local endpoint fail the health check on port ${svc.healthCheckNodePort} and get no traffic`
    : '';
  const proxySource = mode === 'proxy' ? svc.loadBalancerSourceIP : null;
  let frontClient: LoadBalancerLeg['frontClient'];
  if (proxySource) {
    frontClient = j.packet.src;
    j.step(
      lbLocation(svc),
      Verdict.Translated,
      `The load balancer is a TCP proxy (like AWS's Classic ELB): it accepts ${client.name}'s connection itself, picks ${node.name} among ${nodes.length} healthy node${nodes.length > 1 ? 's' : ''}${healthText}, and opens a new connection from its own address ${proxySource} to the NodePort ${node.ip}:${sp.nodePort}. The client's address stops here: from now on everything sees ${proxySource}.`,
      {
        to: {
          ...j.packet,
          src: { ip: proxySource, port: ephemeralPort(ctx) },
          dst: { ip: node.ip, port: sp.nodePort },
        },
        decisions: [
          health,
          {
            kind: 'service',
            summary: `a proxy load balancer: a second TCP connection from ${proxySource}`,
            ref: svc.ref,
            rules: [
              `listener ${protocol}:${lbPort} -> instance port ${sp.nodePort} on every node`,
              'no proxy protocol: the backend cannot learn the client address',
            ],
          },
        ],
      },
    );
  } else {
    j.step(
      lbLocation(svc),
      Verdict.Translated,
      `The cloud load balancer, a layer-4 pass-through to the NodePort (like an AWS NLB with instance targets or an Azure Load Balancer), picks ${node.name} among ${nodes.length} healthy node${nodes.length > 1 ? 's' : ''} and forwards the connection to its NodePort ${node.ip}:${sp.nodePort}${healthText}. The client's address is kept.`,
      {
        to: withDestination(j.packet, node.ip, sp.nodePort),
        decisions: [health],
      },
    );
  }
  j.step(
    nodeLocation(node, Place.Node, 'eth0'),
    Verdict.Forwarded,
    `${node.name} receives the packet on eth0 at ${node.ip}:${sp.nodePort}.`,
  );
  return nodePortFlow(ctx, j, { kind: 'external', client }, node, svc, portIndex, j.packet.src.ip, {
    svc,
    lbIp,
    lbPort,
    frontClient,
  });
}

/**
 * A load balancer with IP targets (AWS NLB target type ip): it health-checks the pods and sends
 * straight to one, without a NodePort and without kube-proxy. For TCP the pod sees the load
 * balancer's address unless client IP preservation is on (AWS Load Balancer Controller docs,
 * "Network Load Balancer": "NLB with IP targets does not pass the client source IP address
 * unless specifically configured via target group attributes").
 */
function ipTargetFlow(
  ctx: TraceContext,
  j: Journey,
  client: ExternalClientModel,
  svc: ServiceModel,
  portIndex: number,
  preserve: boolean,
): Flow {
  const { ip: lbIp, port: lbPort } = j.packet.dst;
  const front = j.packet.src;
  const candidates = endpointCandidates(svc, portIndex);
  if (candidates.length === 0) {
    j.drop(
      lbLocation(svc),
      DropReason.NoEndpoints,
      `Every target fails the load balancer's health check: the targets are the pod IPs of Service ${svc.name}'s ready endpoints (${noEndpointsText(svc, portIndex)}).`,
    );
    return dropped(j);
  }
  const targetRules = [
    'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type: ip',
    ...(preserve
      ? [
          'service.beta.kubernetes.io/aws-load-balancer-target-group-attributes: preserve_client_ip.enabled=true',
        ]
      : []),
    ...candidates.map((e) => `target ${e.ip}:${e.port} (${e.pod.namespace}/${e.pod.name})`),
  ];
  if (!ctx.cni.podsRouted) {
    j.drop(
      lbLocation(svc),
      DropReason.NoRoute,
      `The load balancer targets pod IPs, but with ${ctx.cni.title} the pod IPs exist only inside the tunnels between the nodes: nothing on the node network routes ${candidates[0].ip}, so the load balancer cannot reach any target. IP targets need routable pod IPs (on AWS the VPC CNI gives every pod a VPC address).`,
      [{ kind: 'load-balancing', summary: 'IP targets', ref: svc.ref, rules: targetRules }],
    );
    return dropped(j);
  }
  const idx = Math.min(candidates.length - 1, Math.floor(ctx.random() * candidates.length));
  const ep = candidates[idx];
  // AWS turns client IP preservation on by default for UDP target groups, off for TCP.
  const udpDefault = !preserve && j.packet.protocol === 'UDP';
  const source =
    preserve || udpDefault
      ? front
      : { ip: (svc.loadBalancerSourceIP ?? lbIp) as Ipv4, port: ephemeralPort(ctx) };
  const epNode = nodeOfPod(ctx, ep.pod);
  j.step(
    lbLocation(svc),
    Verdict.Translated,
    `The load balancer targets pod IPs (target type ip): it picks ${ep.pod.name} among ${candidates.length} healthy target${candidates.length > 1 ? 's' : ''} and sends straight to ${ep.ip}:${ep.port}, without a NodePort and without kube-proxy. ${
      preserve
        ? `Client IP preservation is on (preserve_client_ip.enabled=true), so the source stays ${front.ip}.`
        : udpDefault
          ? `For UDP, client IP preservation is on by default, so the source stays ${front.ip}.`
          : `For TCP, IP targets do not get the client address unless client IP preservation is turned on, so the source becomes the load balancer's own ${source.ip}.`
    }`,
    {
      to: { ...j.packet, src: source, dst: { ip: ep.ip, port: ep.port } },
      decisions: [
        {
          kind: 'load-balancing',
          summary: `health checks go to each pod; ${externalTrafficPolicyText(svc)}`,
          ref: svc.ref,
          rules: targetRules,
          candidates: loadBalancingCandidates(candidates, idx),
        },
      ],
    },
  );
  j.step(
    { place: Place.Network, device: 'node network', node: epNode.name },
    Verdict.Forwarded,
    `The network routes ${ep.ip} to ${epNode.name}, which owns ${epNode.podCidr}: ${ctx.cni.title} carries pod addresses on the node network as they are.`,
    { decisions: [{ kind: 'route', summary: `${epNode.podCidr} via ${epNode.ip}` }] },
  );
  j.step(
    nodeLocation(epNode, Place.Node, 'eth0'),
    Verdict.Forwarded,
    `${epNode.name} receives the packet on eth0. It is already addressed to a pod, so no Service rule translates it.`,
  );
  const answer = deliverAndAnswer(ctx, j, epNode, ep.pod);
  if (!answer) return dropped(j);
  const r = answer.reply;
  r.step(
    nodeLocation(epNode, Place.Node, 'eth0'),
    Verdict.Forwarded,
    `${epNode.name} sends the reply out of eth0; the network hands it back to the load balancer, which owns the connection.`,
  );
  r.step(
    lbLocation(svc),
    Verdict.Translated,
    `The load balancer sends the answer to ${client.name} from its own address ${lbIp}:${lbPort}, the address the client called.`,
    { to: { ...r.packet, src: { ip: lbIp, port: lbPort }, dst: front } },
  );
  r.step(
    clientLocation(client),
    Verdict.Delivered,
    `${client.name} receives the reply from ${lbIp}:${lbPort}, the address it called.`,
  );
  return answered(j, answer);
}

function externalTrafficPolicyText(svc: ServiceModel): string {
  return svc.externalTrafficPolicy === 'Local'
    ? 'externalTrafficPolicy: Local changes nothing here, since no node forwards to another'
    : 'no node forwards the packet, so there is no second hop and no SNAT';
}
