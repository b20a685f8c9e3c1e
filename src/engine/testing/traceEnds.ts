/**
 * The property every generated trace is held to: it ends in exactly one verdict (Delivered or
 * Dropped), following the DNS lookup when the trace is only a name's resolution. A probe the
 * engine refuses (a ProbeError: it names what the cluster lacks) has no trace and is skipped.
 */
import type { ClusterModel } from '../model.ts';
import { ProbeError, runProbe } from '../probe.ts';
import type { Probe, Trace } from '../trace.ts';
import { TERMINAL_VERDICTS } from '../vocabulary.ts';

export function countTerminal(t: Trace): number {
  return t.hops.length === 0 && t.lookup
    ? countTerminal(t.lookup)
    : t.hops.filter((h) => TERMINAL_VERDICTS.includes(h.verdict)).length;
}

/** The probes (as JSON) whose trace does not end in exactly one verdict; empty when all do. */
export function probesWithoutOneVerdict(
  model: ClusterModel,
  probes: readonly Probe[],
  seed: number,
): string[] {
  const wrong: string[] = [];
  for (const probe of probes) {
    let trace: Trace;
    try {
      trace = runProbe(model, { ...probe, seed: probe.seed ?? seed });
    } catch (error) {
      if (error instanceof ProbeError) continue;
      throw error;
    }
    if (countTerminal(trace) !== 1) wrong.push(JSON.stringify(probe));
  }
  return wrong;
}
