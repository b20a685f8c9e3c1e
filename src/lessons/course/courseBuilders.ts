/**
 * Small builders the built-in lessons share: a scenario from the gallery with changes, choices,
 * and the common checks. Pure data in, plain lesson data out.
 */
import type { ClusterSpec } from '../../engine/spec.ts';
import type { Probe } from '../../engine/trace.ts';
import { galleryEntry } from '../../scenario/builtins/gallery.ts';
import { external, settingsWith, urlTarget } from '../../scenario/builtins/builders.ts';
import type { ScenarioDocument } from '../../scenario/scenarioDocument.ts';
import type { Check, FlowExpectation, PredictionChoice } from '../lessonTypes.ts';

/** A gallery scenario, retitled for the lesson, with its cluster changed by `change`. */
export function fromGallery(
  id: string,
  title: string,
  description: string,
  change: (cluster: ClusterSpec) => ClusterSpec = (c) => c,
  flow?: Probe,
): ScenarioDocument {
  const entry = galleryEntry(id);
  if (!entry) throw new Error(`The gallery has no scenario ${id}.`);
  const s = entry.scenario;
  return {
    title,
    description,
    cluster: change(s.cluster),
    layout: {},
    ...((flow ?? s.flow) ? { flow: flow ?? s.flow } : {}),
  };
}

/** The same scenario with its cluster changed: how a reference solution is written. */
export function solved(start: ScenarioDocument, change: (cluster: ClusterSpec) => ClusterSpec) {
  return { ...start, cluster: change(start.cluster) };
}

/** A change of the cluster: Calico (BGP), which enforces NetworkPolicy. */
export const onCalico = (c: ClusterSpec): ClusterSpec => ({
  ...c,
  settings: settingsWith({ cni: { plugin: 'calico', mode: 'bgp' } }),
});

/** A change of the cluster: every Service keeps the client's address (externalTrafficPolicy: Local). */
export const localTraffic = (c: ClusterSpec): ClusterSpec => ({
  ...c,
  services: c.services.map((s) => ({ ...s, externalTrafficPolicy: 'Local' as const })),
});

/** Choices from [value, label] pairs. */
export const choices = (...pairs: [string, string][]): PredictionChoice[] =>
  pairs.map(([value, label]) => ({ value, label }));

export const yesNo = choices(['yes', 'Yes'], ['no', 'No']);

/** A flow check. */
export const flowCheck = (text: string, probe: Probe, expect: FlowExpectation): Check => ({
  kind: 'flow',
  text,
  probe,
  expect,
});

/** A flow check that the probe is delivered to the pod `namespace/name`. */
export const delivers = (text: string, probe: Probe, pod: string): Check =>
  flowCheck(text, probe, { verdict: 'Delivered', deliveredTo: pod });

/** A request from the outside client `visitor` to a URL. */
export const visitorTo = (url: string): Probe => ({
  from: external('visitor'),
  to: urlTarget(url),
});
