/** Probe text on the command line (scenario/document/probeText.ts), its mistakes as usage errors. */
import type { ClusterSpec } from '../engine/spec.ts';
import {
  ProbeTextError,
  readPodText,
  readSourceText,
  readTargetText,
  sourceOfText,
  type TargetText,
} from '../scenario/document/probeText.ts';
import { UsageError } from './args.ts';

function usage<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw error instanceof ProbeTextError ? new UsageError(error.message) : error;
  }
}

/** `ns/pod`, `node/NAME` or `ip:ADDR` (an outside client; made up when the scenario lacks it). */
export const parseSource = (text: string, spec: ClusterSpec) =>
  sourceOfText(
    usage(() => readSourceText(text)),
    spec.externalClients ?? [],
  );

/** `ns/name`, or a bare name in the default namespace. */
export const podRef = (text: string, what: string) => usage(() => readPodText(text, what));

/** Any target probe text; `node/NAME` is looked up with `nodeIp`. */
export const parseTarget = (
  text: string,
  nodeIp: (name: string) => string | undefined,
): TargetText => usage(() => readTargetText(text, nodeIp));
