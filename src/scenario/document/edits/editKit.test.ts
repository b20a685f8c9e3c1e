import { describe, expect, it } from 'vitest';
import type { ServiceSpec } from '../../../engine/spec.ts';
import { withOptional } from './editKit.ts';

const service: ServiceSpec = {
  name: 'web',
  selector: { app: 'web' },
  ports: [{ port: 80 }],
  externalTrafficPolicy: 'Local',
};

describe('withOptional', () => {
  it('sets a value that differs from the default', () => {
    expect(withOptional(service, 'internalTrafficPolicy', 'Local', 'Cluster')).toEqual({
      ...service,
      internalTrafficPolicy: 'Local',
    });
  });

  it('leaves the field out for the default, an empty value or none', () => {
    for (const value of ['Cluster', undefined] as const)
      expect(withOptional(service, 'externalTrafficPolicy', value, 'Cluster')).not.toHaveProperty(
        'externalTrafficPolicy',
      );
    expect(withOptional({ ...service, loadBalancerIP: '1.2.3.4' }, 'loadBalancerIP', '')).toEqual(
      service,
    );
  });

  it('does not change the object it was given', () => {
    withOptional(service, 'externalTrafficPolicy', undefined);
    expect(service.externalTrafficPolicy).toBe('Local');
  });
});
