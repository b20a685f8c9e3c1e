/**
 * The check that pins the reachability matrix to the datapath: for every pair of pods, the
 * cell is allowed exactly when a pod-to-pod probe on that port is not dropped by policy.
 */
import { expect } from 'vitest';
import type { ClusterModel } from '../model.ts';
import type { Protocol } from '../net.ts';
import { runProbe } from '../probe.ts';
import { computeReachability } from '../reachability.ts';
import { canReach } from '../reachabilityMatrix.ts';

export function expectMatrixAgreesWithProbes(
  model: ClusterModel,
  port: number,
  protocol: Protocol = 'TCP',
): void {
  const matrix = computeReachability(model, { port, protocol });
  const key = (p: { readonly namespace: string; readonly name: string }) =>
    `${p.namespace}/${p.name}`;
  for (const a of model.pods) {
    for (const b of model.pods) {
      const t = runProbe(model, {
        from: { kind: 'pod', namespace: a.namespace, name: a.name },
        to: { kind: 'pod', namespace: b.namespace, name: b.name },
        port,
        protocol,
      });
      expect(canReach(matrix, key(a), key(b)), `${key(a)} -> ${key(b)}: ${t.summary}`).toBe(
        t.reason !== 'PolicyDenied',
      );
    }
  }
}
