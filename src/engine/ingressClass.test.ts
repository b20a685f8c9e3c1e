/**
 * Which Ingresses a controller serves, from:
 * - kubernetes.io/docs/concepts/services-networking/ingress/: "Ingress class" (an IngressClass
 *   names its controller in spec.controller), "Default IngressClass" (an Ingress created without
 *   ingressClassName gets the class annotated ingressclass.kubernetes.io/is-default-class: "true";
 *   with more than one default, the admission controller refuses to create it), "Deprecated
 *   annotation" (kubernetes.io/ingress.class, before IngressClass existed).
 * - ingress-nginx: user-guide/multiple-ingress.md and user-guide/k8s-122-migration.md (the
 *   controller serves IngressClasses whose controller is k8s.io/ingress-nginx; the annotation is
 *   compared with --ingress-class, "nginx" by default; Ingresses without a class are ignored
 *   unless --watch-ingress-without-class); its deploy manifests create IngressClass `nginx`,
 *   not marked default.
 * - HAProxy Ingress: haproxy-ingress.github.io/docs/configuration/keys, "Class matter" (the
 *   annotation with value haproxy, or ingressClassName naming a class whose controller is
 *   haproxy-ingress.github.io/controller, or --watch-ingress-without-class).
 */
import { describe, expect, it } from 'vitest';
import { ingressClassesOf, ingressClassVerdict } from './ingressClass.ts';
import { INGRESS_CONTROLLERS, type IngressClassSpec, type IngressSpec } from './spec.ts';
import { cluster, probe, svc, trace, webPod } from './testing/builders.ts';

const nginx = INGRESS_CONTROLLERS.find((c) => c.value === 'nginx')!;
const haproxy = INGRESS_CONTROLLERS.find((c) => c.value === 'haproxy')!;
const nginxClass: IngressClassSpec = { name: 'nginx', controller: 'k8s.io/ingress-nginx' };
const nginxDefault: IngressClassSpec = { ...nginxClass, isDefault: true };
const traefikClass: IngressClassSpec = {
  name: 'traefik',
  controller: 'traefik.io/ingress-controller',
};
const traefikDefault: IngressClassSpec = { ...traefikClass, isDefault: true };
const haproxyClass: IngressClassSpec = {
  name: 'haproxy',
  controller: 'haproxy-ingress.github.io/controller',
};
const ing = (extra: Partial<IngressSpec> = {}): IngressSpec => ({
  name: 'web',
  rules: [],
  ...extra,
});
const legacy = (value: string) => ({ annotations: { 'kubernetes.io/ingress.class': value } });

describe('ingress class selection', () => {
  it.each([
    // [case, controller, classes in the scenario, the Ingress, served, why matches]
    [
      'class of its controller',
      nginx,
      [nginxClass],
      ing({ ingressClassName: 'nginx' }),
      true,
      /has class nginx, which ingress-nginx serves/,
    ],
    [
      'class of another controller',
      nginx,
      [nginxClass, traefikClass],
      ing({ ingressClassName: 'traefik' }),
      false,
      /controller is traefik\.io\/ingress-controller/,
    ],
    [
      'class that does not exist',
      nginx,
      [nginxClass],
      ing({ ingressClassName: 'internal' }),
      false,
      /IngressClass internal, which does not exist/,
    ],
    [
      'no class, own class is default',
      nginx,
      [nginxDefault],
      ing(),
      true,
      /gets the default IngressClass nginx/,
    ],
    [
      'no class, another default',
      nginx,
      [nginxClass, traefikDefault],
      ing(),
      false,
      /default IngressClass traefik.*ignores it/,
    ],
    ['no class, no default', nginx, [nginxClass], ing(), false, /--watch-ingress-without-class/],
    [
      'no class, two defaults',
      nginx,
      [nginxDefault, traefikDefault],
      ing(),
      false,
      /admission refuses/,
    ],
    [
      'legacy annotation of its class',
      nginx,
      [nginxClass],
      ing(legacy('nginx')),
      true,
      /deprecated annotation/,
    ],
    [
      'legacy annotation of another class',
      nginx,
      [nginxClass],
      ing(legacy('traefik')),
      false,
      /answers only to nginx/,
    ],
    [
      'HAProxy Ingress, its class',
      haproxy,
      [haproxyClass],
      ing({ ingressClassName: 'haproxy' }),
      true,
      /HAProxy Ingress serves/,
    ],
    [
      'HAProxy Ingress, nginx class',
      haproxy,
      [nginxClass, haproxyClass],
      ing({ ingressClassName: 'nginx' }),
      false,
      /not HAProxy Ingress's/,
    ],
    [
      'HAProxy Ingress, legacy annotation haproxy',
      haproxy,
      [],
      ing(legacy('haproxy')),
      true,
      /deprecated annotation/,
    ],
    [
      'HAProxy Ingress, no class',
      haproxy,
      [haproxyClass],
      ing(),
      false,
      /--watch-ingress-without-class/,
    ],
  ] as const)('%s', (_case, controller, classes, ingress, served, why) => {
    const v = ingressClassVerdict(ingress, ingressClassesOf(classes, controller), controller);
    expect(v.served).toBe(served);
    expect(v.why).toMatch(why);
  });

  it('assumes the install default class, not marked default, when the scenario has none', () => {
    const c = ingressClassesOf([], nginx);
    expect(c.classes).toEqual([{ name: 'nginx', controller: 'k8s.io/ingress-nginx' }]);
    expect(c.assumed).toMatch(/assumes the one ingress-nginx's install creates: nginx/);
    expect(ingressClassVerdict(ing({ ingressClassName: 'nginx' }), c, nginx).served).toBe(true);
    expect(ingressClassVerdict(ing(), c, nginx).served).toBe(false);
    expect(ingressClassesOf([], haproxy).classes[0].name).toBe('haproxy');
    expect(ingressClassesOf([traefikClass], nginx).assumed).toBeUndefined();
  });
});

describe('through the controller: an Ingress of another class gets the default 404', () => {
  const spec = (ingressClassName: string | undefined, classes?: IngressClassSpec[]) => ({
    ...cluster({
      pods: [webPod('web-1')],
      services: [
        svc('web', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] }),
      ],
      ingresses: [
        {
          name: 'shop',
          ...(ingressClassName ? { ingressClassName } : {}),
          rules: [
            {
              host: 'shop.example.com',
              paths: [{ path: '/', pathType: 'Prefix', backend: { service: 'web', port: 80 } }],
            },
          ],
        },
      ],
    }),
    ...(classes ? { ingressClasses: classes } : {}),
  });

  it('serves its own class', () => {
    const t = trace(spec('nginx'), probe('ext:user', 'http://shop.example.com/'));
    expect(t.verdict).toBe('Delivered');
    const hop = t.hops.find((h) => h.location.place === 'IngressController')!;
    expect(hop.decisions?.map((d) => d.summary)).toContain(
      'Ingress shop has class nginx, which ingress-nginx serves.',
    );
    // No IngressClass in the scenario: the trace says what it assumed.
    expect(hop.decisions?.flatMap((d) => d.rules ?? []).join(' ')).toMatch(/PodPath assumes/);
  });

  it.each([
    ['another class', 'traefik', [nginxClass, traefikClass], /controller is traefik/],
    ['no class and no default', undefined, undefined, /no ingressClassName/],
  ] as const)(
    '%s: 404 at the controller, naming why the Ingress was skipped',
    (_c, cls, classes, why) => {
      const t = trace(
        spec(cls, classes ? [...classes] : undefined),
        probe('ext:user', 'http://shop.example.com/'),
      );
      expect(t.verdict).toBe('Dropped');
      expect(t.reason).toBe('NoIngressRule');
      expect(t.http?.status).toBe(404);
      const last = t.hops.at(-1)!;
      expect(last.location.place).toBe('IngressController');
      expect(last.explanation).toMatch(/answers 404 Not Found/);
      expect(last.explanation).toMatch(/Ingress shop would match/);
      expect(last.explanation).toMatch(why);
    },
  );

  it('serves an Ingress without class when its IngressClass is the default', () => {
    const t = trace(spec(undefined, [nginxDefault]), probe('ext:user', 'http://shop.example.com/'));
    expect(t.verdict).toBe('Delivered');
  });
});
