/**
 * Pod to pod, by pod IP (on one node, across nodes through the CNI, or a pod to its own IP),
 * and container to container over localhost.
 */
import type { TraceContext } from '../datapath/context.ts';
import { Journey } from '../datapath/journey.ts';
import { nodeOfPod, podLocation } from '../datapath/paths.ts';
import type { NodeModel, PodModel } from '../model.ts';
import type { Ipv4, Protocol } from '../net.ts';
import { Place, Verdict } from '../vocabulary.ts';
import { dropped, ProbeError, type Flow } from './flow.ts';
import { ephemeralPort, startInside, type Origin, type PodOrigin } from './origin.ts';
import { checkPolicy } from './policyCheck.ts';
import { answered, deliverAndAnswer, deliverOverLoopback, replyHome } from './steps.ts';

/** To a pod's IP: egress policy at the source, the CNI's path, ingress policy, delivery. */
export function podToPod(ctx: TraceContext, j: Journey, origin: Origin, pod: PodModel): Flow {
  if (origin.kind === 'pod' && origin.pod === pod) return toOwnPodIp(ctx, j, origin);
  const node = startInside(ctx, j, origin) as NodeModel;
  if (origin.kind === 'pod' && !checkPolicy(ctx, j, origin.pod, 'Egress', pod.ip))
    return dropped(j);
  const answer = deliverAndAnswer(ctx, j, node, pod);
  if (!answer) return dropped(j);
  replyHome(ctx, answer.reply, nodeOfPod(ctx, pod), origin);
  return answered(j, answer);
}

function toOwnPodIp(ctx: TraceContext, j: Journey, origin: PodOrigin): Flow {
  j.step(
    {
      place: Place.Container,
      device: origin.container ?? 'app',
      node: origin.node.name,
      at: origin.pod.ref,
    },
    Verdict.Forwarded,
    `The ${origin.container ?? 'app'} container in ${origin.pod.name} connects to its own pod IP ${j.packet.dst.ip}:${j.packet.dst.port}.`,
  );
  const answer = deliverOverLoopback(
    ctx,
    j,
    origin.pod,
    `${origin.pod.name} sends to its own IP: the kernel delivers it through the loopback path without leaving the pod.`,
  );
  if (!answer) return dropped(j);
  answer.reply.step(
    podLocation(origin.pod, 'lo'),
    Verdict.Delivered,
    `The reply stays inside ${origin.pod.name}'s network namespace.`,
  );
  return answered(j, answer);
}

/** To localhost: the containers of a pod share one network namespace, so one loopback. */
export function localhostFlow(
  ctx: TraceContext,
  origin: Origin,
  port: number,
  protocol: Protocol,
): Flow {
  if (origin.kind !== 'pod')
    throw new ProbeError('localhost is only meaningful from a container of a pod.');
  const lo = '127.0.0.1' as Ipv4;
  const j = new Journey(
    { protocol, src: { ip: lo, port: ephemeralPort(ctx) }, dst: { ip: lo, port } },
    'request',
  );
  const pod = origin.pod;
  j.step(
    {
      place: Place.Container,
      device: origin.container ?? 'container',
      node: pod.node,
      at: pod.ref,
    },
    Verdict.Forwarded,
    `The ${origin.container} container connects to localhost:${port}. Every container of ${pod.name} shares one network namespace, held by the pause container, so localhost is shared too.`,
  );
  const answer = deliverOverLoopback(
    ctx,
    j,
    pod,
    `The packet goes through the pod's loopback interface lo; it never reaches eth0, the veth or the node.`,
  );
  if (!answer) return dropped(j);
  const r = answer.reply;
  r.step(
    podLocation(pod, 'lo'),
    Verdict.Forwarded,
    `The ${answer.delivered.container} container answers over lo.`,
  );
  r.step(
    {
      place: Place.Container,
      device: origin.container ?? 'container',
      node: pod.node,
      at: pod.ref,
    },
    Verdict.Delivered,
    `The ${origin.container} container receives the reply from localhost:${port}.`,
  );
  return { request: j, reply: r, deliveredTo: { ...answer.delivered, ip: pod.ip }, seenSource: lo };
}
