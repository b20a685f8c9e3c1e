/**
 * What a flow returns (the request, the reply that undoes it, who got it) and how that
 * becomes the trace the views read.
 */
import type { Journey } from '../datapath/journey.ts';
import type { Ipv4 } from '../net.ts';
import type { DeliveredOutside, DeliveredTo, HttpOutcome, Probe, Trace } from '../trace.ts';
import { DROP_REASON_TEXT } from '../vocabulary.ts';

export interface Flow {
  readonly request: Journey;
  readonly reply: Journey | null;
  readonly deliveredTo: DeliveredTo | null;
  readonly seenSource: Ipv4 | null;
  readonly http?: HttpOutcome;
  /** The outside address the request reached, for a flow that left the cluster. */
  readonly outside?: DeliveredOutside;
}

/** A probe whose source or target is not in the scenario; the message says which. */
export class ProbeError extends Error {}

/** A flow whose request ended before any pod got it. */
export function dropped(j: Journey): Flow {
  return { request: j, reply: null, deliveredTo: null, seenSource: null };
}

/** The HTTP outcome: a request refused by Cilium's L7 proxy is answered 403 there. */
function httpOf(flow: Flow): { http?: HttpOutcome } {
  if (flow.request.reason === 'HttpDenied')
    return { http: { ...(flow.http ?? {}), status: 403, backend: null } };
  return flow.http ? { http: flow.http } : {};
}

/** The trace of a finished flow, with its one-line summary. */
export function finish(probe: Probe, flow: Flow): Trace {
  const last = flow.request.hops.at(-1);
  // The answer lost on its way back (Flannel host-gw with no route to the client's pod subnet):
  // the server got the request, the client never gets the answer.
  const replyLost = flow.reply?.dropped === true && !flow.request.dropped;
  const outside = flow.request.dropped || replyLost ? undefined : flow.outside;
  const delivered =
    (flow.deliveredTo !== null || outside !== undefined) && !flow.request.dropped && !replyLost;
  const reason = replyLost ? flow.reply?.reason : flow.request.reason;
  const lostAt = flow.reply?.hops.at(-1)?.location;
  const summary = replyLost
    ? `The request reached ${flow.deliveredTo?.pod.name ?? 'its destination'}, but the reply was dropped at ${lostAt?.device ?? 'the network'}: ${reason ? DROP_REASON_TEXT[reason] : 'unknown reason'}.`
    : outside
      ? `Left the cluster and reached ${outsideLabel(outside)}; it saw the source ${flow.seenSource}.`
      : delivered
        ? `Delivered to ${flow.deliveredTo?.pod.name} at ${flow.deliveredTo?.ip}:${flow.deliveredTo?.port}; it saw the source ${flow.seenSource}.`
        : `Dropped at ${last?.location.device ?? 'the source'}${last?.location.node ? ` on ${last.location.node}` : ''}: ${reason ? DROP_REASON_TEXT[reason] : 'unknown reason'}.`;
  return {
    probe,
    verdict: delivered ? 'Delivered' : 'Dropped',
    reason: delivered ? undefined : reason,
    hops: flow.request.hops,
    reply: flow.reply?.hops ?? [],
    deliveredTo: delivered ? flow.deliveredTo : null,
    ...(outside ? { outside } : {}),
    seenSource: delivered ? flow.seenSource : null,
    summary:
      flow.http?.status !== undefined && delivered
        ? `${summary} It answered ${flow.http.status}.`
        : summary,
    ...httpOf(flow),
  };
}

/** An outside destination in words: its element or name, and its address. */
export function outsideLabel(o: DeliveredOutside): string {
  const who = o.element?.name ?? o.name;
  return who ? `${who} at ${o.ip}:${o.port}` : `${o.ip}:${o.port}`;
}
