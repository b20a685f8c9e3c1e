import { describe, expect, it } from 'vitest';
import { findPod } from './findPod.ts';

const pods = [
  { key: 'Pod/default/web-10', name: 'web-10', namespace: 'default' },
  { key: 'Pod/default/web-1', name: 'web-1', namespace: 'default' },
  { key: 'Pod/shop/web-1', name: 'web-1', namespace: 'shop' },
];

describe('findPod', () => {
  it('prefers an exact name, or namespace/name, over a partial match', () => {
    expect(findPod(pods, 'web-1')?.key).toBe('Pod/default/web-1');
    expect(findPod(pods, 'shop/web-1')?.key).toBe('Pod/shop/web-1');
  });

  // Pod names are DNS labels, lowercase: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#dns-label-names
  it('ignores case and surrounding spaces, and takes the first partial match', () => {
    expect(findPod(pods, '  WEB-1 ')?.key).toBe('Pod/default/web-1');
    expect(findPod(pods, 'eb-')?.key).toBe('Pod/default/web-10');
  });

  it('finds nothing for empty text or an unknown name', () => {
    expect(findPod(pods, '   ')).toBeNull();
    expect(findPod(pods, 'db')).toBeNull();
  });
});
