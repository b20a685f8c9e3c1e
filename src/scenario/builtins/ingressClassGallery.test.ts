/**
 * The ingress-class gallery shows on its hops what its descriptions promise (the rules are
 * pinned, with their sources, in engine/ingressClass.test.ts and engine/ingressRedirect.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { buildCluster, runProbe } from '../../engine/index.ts';
import { validateScenario } from '../schema.ts';
import { decodeShareFragment, encodeShareFragment } from '../shareLink.ts';
import { GALLERY } from './gallery.ts';
import { INGRESS_CLASS_GALLERY } from './ingressClassGallery.ts';

const run = (id: string) => {
  const g = INGRESS_CLASS_GALLERY.find((x) => x.id === id)!;
  return runProbe(buildCluster(g.scenario.cluster), g.scenario.flow!);
};

describe('ingress class and redirect gallery', () => {
  it('ingress-other-class: 404 at the controller, naming the skipped Ingress', () => {
    const t = run('ingress-other-class');
    expect(t.reason).toBe('NoIngressRule');
    expect(t.http?.status).toBe(404);
    expect(t.hops.at(-1)!.explanation).toMatch(
      /Ingress blog would match .* has class traefik, whose controller is traefik\.io\/ingress-controller/,
    );
  });

  it('ingress-ssl-redirect: 308 to https at the controller, no backend hop', () => {
    const t = run('ingress-ssl-redirect');
    expect(t.http).toMatchObject({ status: 308, location: 'https://shop.example.com/cart' });
    expect(t.hops.at(-1)!.location.place).toBe('IngressController');
    expect(t.hops.some((h) => h.location.at?.name === 'web')).toBe(false);
  });

  it('is in the gallery, and its IngressClasses survive the schema and a share link', () => {
    for (const g of INGRESS_CLASS_GALLERY) {
      expect(GALLERY.map((x) => x.id)).toContain(g.id);
      const plain = JSON.parse(JSON.stringify(g.scenario));
      expect(validateScenario(plain).ok).toBe(true);
      const back = decodeShareFragment(encodeShareFragment(plain));
      expect(back.ok && back.scenario.cluster.ingressClasses).toEqual(
        g.scenario.cluster.ingressClasses,
      );
    }
  });
});
