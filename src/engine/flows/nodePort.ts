/**
 * Traffic to a node's address: a NodePort (from outside, from a pod, from a node, or as the
 * second leg of a load balancer), or a hostNetwork pod listening on the node itself.
 */
import type { TraceContext } from '../datapath/context.ts';
import { Journey } from '../datapath/journey.ts';
import {
  chooseEndpoint,
  endpointCandidates,
  findServicePort,
  hairpinAddress,
  masqueradeHairpin,
  masqueradeNodePort,
  masqueradesNodePort,
  noEndpointsText,
  proxyLocation,
  proxyName,
} from '../datapath/kubeProxy.ts';
import {
  detectLocalTraffic,
  localTrafficRules,
  localTrafficText,
} from '../datapath/localTraffic.ts';
import { nodePortMasqueradeDecision, nodePortRules } from '../datapath/proxyRules.ts';
import {
  clientLocation,
  forwardToNodeIp,
  fromClientToNode,
  fromNodeToClient,
  lbLocation,
  nodeLocation,
  swap,
  withDestination,
  withSource,
} from '../datapath/paths.ts';
import type { NodeModel, PodModel, ServiceModel } from '../model.ts';
import type { Ipv4 } from '../net.ts';
import { DropReason, Place, Verdict } from '../vocabulary.ts';
import { dropped, type Flow } from './flow.ts';
import { originIp, startInside, type Origin } from './origin.ts';
import { checkPolicy } from './policyCheck.ts';
import {
  answered,
  deliverAndAnswer,
  deliverToPod,
  listeningContainer,
  replyHome,
} from './steps.ts';

/** Traffic to a node address: a NodePort, or a hostNetwork pod listening on the node. */
export function nodeAddressFlow(
  ctx: TraceContext,
  j: Journey,
  origin: Origin,
  node: NodeModel,
): Flow {
  const { port } = j.packet.dst;
  const protocol = j.packet.protocol;
  const svc = ctx.serviceByNodePort.get(`${protocol}/${port}`);
  const clientIp = originIp(origin);
  // A pod's egress policy sees the packet as it leaves its node: addressed to the other node.
  // On its own node the NodePort DNAT comes first, so egress is checked after it.
  let egressAfterDnat: PodModel | null = null;
  if (origin.kind === 'external') fromClientToNode(j, origin.client, node, `${node.ip}:${port}`);
  else {
    const from = startInside(ctx, j, origin) as NodeModel;
    if (origin.kind === 'pod') {
      if (svc && from.name === node.name) egressAfterDnat = origin.pod;
      else if (!checkPolicy(ctx, j, origin.pod, 'Egress', node.ip)) return dropped(j);
    }
    forwardToNodeIp(j, from, node);
  }
  if (svc)
    return nodePortFlow(
      ctx,
      j,
      origin,
      node,
      svc,
      findServicePort(svc, port, protocol, true),
      clientIp,
      null,
      egressAfterDnat,
    );
  const hostPod = (ctx.hostNetworkPodsByNode.get(node.name) ?? []).find((p) =>
    listeningContainer(p, port, protocol),
  );
  if (hostPod) {
    const delivered = deliverToPod(ctx.model.services, j, hostPod);
    const r = new Journey(swap(j.packet), 'reply');
    if (origin.kind === 'external') {
      fromNodeToClient(r, node, origin.client);
      r.step(
        clientLocation(origin.client),
        Verdict.Delivered,
        `${origin.client.name} receives the reply.`,
      );
    } else replyHome(ctx, r, node, origin);
    return { request: j, reply: r, deliveredTo: delivered, seenSource: clientIp };
  }
  j.drop(
    nodeLocation(node, Place.Node, `${protocol}/${port}`),
    DropReason.NotListening,
    `Nothing on ${node.name} listens on ${protocol} port ${port}: no Service has that nodePort and no hostNetwork pod there declares it.`,
  );
  return dropped(j);
}

export interface LoadBalancerLeg {
  readonly svc: ServiceModel;
  readonly lbIp: Ipv4;
  readonly lbPort: number;
  /** For a proxy load balancer: the client's end of the front connection it answers on. */
  readonly frontClient?: { readonly ip: Ipv4; readonly port: number };
}

export function nodePortFlow(
  ctx: TraceContext,
  j: Journey,
  origin: Origin,
  node: NodeModel,
  svc: ServiceModel,
  portIndex: number,
  clientIp: Ipv4,
  lb: LoadBalancerLeg | null,
  egressAfterDnat: PodModel | null = null,
): Flow {
  const sp = svc.ports[portIndex];
  const policyLocal = svc.externalTrafficPolicy === 'Local';
  const clusterCidr = ctx.model.settings.clusterCidrParsed;
  const source = j.packet.src.ip;
  // Pods and the node itself skip the Local policy (kube-proxy's local traffic detection).
  const detected = policyLocal
    ? detectLocalTraffic(ctx.proxyMode, clusterCidr, node, source)
    : null;
  const local = policyLocal && !detected;
  const internalLocal = detected !== null && svc.internalTrafficPolicy === 'Local';
  const candidates = endpointCandidates(svc, portIndex, local || internalLocal ? node : undefined);
  const nodePort = sp.nodePort as number;
  const at = proxyLocation(ctx, node, svc);
  if (candidates.length === 0) {
    const elsewhere = (local || internalLocal) && endpointCandidates(svc, portIndex).length > 0;
    j.drop(
      at,
      elsewhere ? DropReason.NodeHasNoLocalEndpoint : DropReason.NoEndpoints,
      elsewhere
        ? `Service ${svc.name} has ${local ? 'externalTrafficPolicy' : 'internalTrafficPolicy'}: Local and ${node.name} runs none of its endpoints, so ${proxyName(ctx)} drops the packet rather than forward it to another node.`
        : `Service ${svc.name} has no ready endpoints (${noEndpointsText(svc, portIndex)}), so the connection is rejected.`,
    );
    return dropped(j);
  }
  const choice = chooseEndpoint(
    ctx.proxyMode,
    svc,
    sp,
    node.ip,
    nodePort,
    candidates,
    clientIp,
    ctx.random,
  );
  const ep = choice.endpoint;
  const snat =
    detected === 'node' ||
    masqueradesNodePort(ctx.proxyMode, policyLocal, node, ep.ip, j.packet.src.ip);
  j.step(
    at,
    Verdict.Translated,
    `${proxyName(ctx)} on ${node.name} matches nodePort ${nodePort} of Service ${svc.name} and rewrites the destination to ${ep.pod.name} at ${ep.ip}:${ep.port} (DNAT)${local ? ', choosing only among endpoints on this node (externalTrafficPolicy: Local)' : detected ? localTrafficText(detected, source, node) : ''}.`,
    {
      to: withDestination(j.packet, ep.ip, ep.port),
      decisions: [
        {
          kind: 'service',
          summary: `nodePort ${nodePort} on every node belongs to ${svc.namespace}/${svc.name} (port ${sp.port} -> targetPort ${sp.targetPort})`,
          ref: svc.ref,
        },
        {
          kind: 'load-balancing',
          summary: `${candidates.length} candidate endpoint${candidates.length > 1 ? 's' : ''}; ${choice.how}`,
          ref: svc.ref,
          candidates: choice.candidates,
        },
        {
          kind: 'kube-proxy',
          summary: `${proxyName(ctx)} rules`,
          ref: svc.ref,
          rules: nodePortRules(
            ctx.proxyMode,
            svc,
            sp,
            node,
            local,
            choice.rules,
            detected ? localTrafficRules(svc, sp, clusterCidr, detected) : undefined,
          ),
        },
      ],
    },
  );
  if (egressAfterDnat && !checkPolicy(ctx, j, egressAfterDnat, 'Egress', ep.ip)) return dropped(j);
  // The source as it arrived, which conntrack gives back to the reply.
  const arriving = j.packet.src.ip;
  if (policyLocal && origin.kind === 'pod' && ep.pod === origin.pod) {
    const masq = hairpinAddress(ctx, node);
    masqueradeHairpin(
      j,
      at,
      masq,
      ep.ip,
      `The chosen endpoint is ${ep.pod.name} itself (hairpin). Its endpoint chain marks packets from its own address for masquerade, so the source becomes ${masq} (SNAT) and the answer comes back through ${node.name}.`,
    );
  }
  if (detected === 'node') {
    j.step(
      at,
      Verdict.Translated,
      `kube-proxy masquerades what ${node.name} sends itself even under externalTrafficPolicy: Local (the source a node picks may be an address only it can answer for, such as a load balancer address bound on the node): the source becomes ${node.ip} (SNAT).`,
      {
        to: withSource(j.packet, node.ip, j.packet.src.port),
        decisions: [nodePortMasqueradeDecision(ctx.proxyMode, node)],
      },
    );
  } else masqueradeNodePort(ctx, j, at, node, ep, snat, policyLocal);
  // After SNAT the reply is for the node address; without it (Local, or kube-router with a
  // client from this node's pods) for the client's, which routes back the same way.
  const answer = deliverAndAnswer(ctx, j, node, ep.pod, node);
  if (!answer) return dropped(j);
  const r = answer.reply;
  const front = { ip: node.ip, port: nodePort };
  r.step(
    at,
    Verdict.Translated,
    !snat
      ? `Conntrack on ${node.name} reverses the DNAT: the source becomes ${node.ip}:${nodePort}, the address the client called.`
      : `Conntrack on ${node.name} reverses both translations: the source becomes ${node.ip}:${nodePort} and the destination ${arriving} again.`,
    {
      to: { ...r.packet, src: front, dst: { ip: arriving, port: r.packet.dst.port } },
      decisions: [
        {
          kind: 'conntrack',
          summary: `${sp.protocol} src=${arriving} dst=${node.ip} dport=${nodePort} [reply] src=${ep.ip} sport=${ep.port}${!snat ? '' : ` dst=${node.ip}`}`,
        },
      ],
    },
  );
  if (origin.kind === 'external') {
    if (lb?.frontClient) {
      r.step(
        lbLocation(lb.svc),
        Verdict.Translated,
        `The load balancer reads the answer on its own connection and writes it onto the client's: from ${lb.lbIp}:${lb.lbPort} to ${lb.frontClient.ip}:${lb.frontClient.port}.`,
        {
          to: { ...r.packet, src: { ip: lb.lbIp, port: lb.lbPort }, dst: lb.frontClient },
        },
      );
    } else if (lb) {
      r.step(
        lbLocation(lb.svc),
        Verdict.Translated,
        `The cloud load balancer sends the reply on with its own address ${lb.lbIp}:${lb.lbPort} as the source.`,
        {
          to: { ...r.packet, src: { ip: lb.lbIp, port: lb.lbPort } },
        },
      );
    } else fromNodeToClient(r, node, origin.client);
    r.step(
      clientLocation(origin.client),
      Verdict.Delivered,
      `${origin.client.name} receives the reply from ${r.packet.src.ip}:${r.packet.src.port}, the address it called.`,
    );
  } else replyHome(ctx, r, node, origin);
  return answered(j, answer);
}
