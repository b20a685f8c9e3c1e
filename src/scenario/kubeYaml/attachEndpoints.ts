/**
 * Services without a selector, as a dump carries them: their endpoints come with them as
 * EndpointSlices (or the older Endpoints, which the mirroring controller copies into slices).
 */
import { DEFAULT_NAMESPACE, type EndpointSliceSpec, type ServiceSpec } from '../../engine/spec.ts';
import type { IssueLog, Origin } from './issues.ts';
import type { ObjectId } from './types.ts';

/** The endpoints one object of the input gives a Service, before the Service is known. */
export interface EndpointsDraft {
  readonly kind: 'EndpointSlice' | 'Endpoints';
  readonly namespace: string;
  readonly service: string;
  readonly slices: readonly EndpointSliceSpec[];
  readonly origin: Origin;
}

/**
 * Gives each Service without a selector the EndpointSlices (or, when it has none, the Endpoints)
 * the input carries for it. A Service with a selector has its endpoints made by the controller
 * from its pods, so its slices in a dump are skipped.
 */
export function attachEndpoints(
  services: ServiceSpec[],
  origins: ReadonlyMap<string, Origin>,
  drafts: readonly EndpointsDraft[],
  imported: ObjectId[],
  log: IssueLog,
): void {
  services.forEach((s, i) => {
    const key = `${s.namespace ?? DEFAULT_NAMESPACE}/${s.name}`;
    const mine = drafts.filter((d) => `${d.namespace}/${d.service}` === key);
    if (s.selector || s.type === 'ExternalName') {
      for (const d of mine)
        log.skip(
          s.selector
            ? `belongs to Service ${s.name}, which has a selector: PodPath derives its endpoints from the selector and pod readiness; skipped.`
            : `belongs to Service ${s.name}, an ExternalName Service, which has no endpoints; skipped.`,
          d.origin,
          'note',
        );
      return;
    }
    // The EndpointSlice mirroring controller copies Endpoints into slices: read one of the two.
    const slices = mine.filter((d) => d.kind === 'EndpointSlice');
    const used = slices.length > 0 ? slices : mine;
    for (const d of mine.filter((x) => !used.includes(x)))
      log.skip(
        `is mirrored by the EndpointSlices of Service ${s.name}, which are used instead; skipped.`,
        d.origin,
        'note',
      );
    const origin = origins.get(key);
    if (used.length === 0) {
      if (origin)
        log.skip(
          'has no selector and the input has no EndpointSlice or Endpoints for it, so it has no endpoints.',
          origin,
        );
      return;
    }
    services[i] = { ...s, endpointSlices: used.flatMap((d) => d.slices) };
    for (const d of used) imported.push(d.origin.id);
  });
  const known = new Set(services.map((s) => `${s.namespace ?? DEFAULT_NAMESPACE}/${s.name}`));
  for (const d of drafts)
    if (!known.has(`${d.namespace}/${d.service}`))
      log.skip(`is for Service ${d.service}, which is not in the input; skipped.`, d.origin);
}
