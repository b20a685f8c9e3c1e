/**
 * Gallery scenarios for what an ingress controller answers by itself: the 404 of its default
 * backend for a request that only an Ingress of another class matches, and the 308 redirect of
 * plain HTTP to HTTPS for a host with TLS. Each flow's outcome is checked by
 * ingressClassGallery.test.ts against the engine (the rules are pinned in
 * engine/ingressClass.test.ts and engine/ingressRedirect.test.ts).
 */
import type { IngressClassSpec, IngressSpec } from '../../engine/spec.ts';
import type { GalleryEntry } from './gallery.ts';
import {
  external,
  flow,
  pod,
  service,
  settingsWith,
  twoNodes,
  urlTarget,
  web,
} from './builders.ts';

const visitor = { name: 'visitor', ip: '198.51.100.20' };

/** The classes a cluster with ingress-nginx and Traefik installed side by side has. */
const classes: IngressClassSpec[] = [
  { name: 'nginx', controller: 'k8s.io/ingress-nginx' },
  { name: 'traefik', controller: 'traefik.io/ingress-controller' },
];

const rule = (host: string): IngressSpec['rules'][number] => ({
  host,
  paths: [{ path: '/', pathType: 'Prefix', backend: { service: 'web', port: 80 } }],
});

const ingresses: IngressSpec[] = [
  {
    name: 'shop',
    ingressClassName: 'nginx',
    tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }],
    rules: [rule('shop.example.com')],
  },
  { name: 'blog', ingressClassName: 'traefik', rules: [rule('blog.example.com')] },
];

const cluster = {
  settings: settingsWith({}),
  nodes: twoNodes,
  pods: [pod('web', 'node-2', { app: 'web' }, [web()])],
  services: [service('web', { app: 'web' }, [{ port: 80, targetPort: 'http' }])],
  ingressClasses: classes,
  ingresses,
  externalClients: [visitor],
};

const entry = (
  id: string,
  title: string,
  description: string,
  url: string,
  expect: GalleryEntry['expect'],
): GalleryEntry => ({
  id,
  topic: 'Ingress',
  scenario: {
    title,
    description,
    cluster,
    layout: {},
    flow: flow(external('visitor'), urlTarget(url)),
  },
  expect,
});

export const INGRESS_CLASS_GALLERY: readonly GalleryEntry[] = [
  entry(
    'ingress-other-class',
    'An Ingress of another class gets the 404',
    'The cluster has two IngressClasses, nginx (ingress-nginx) and traefik, but only ingress-nginx runs. Ingress blog names class traefik, so ingress-nginx ignores it: a request for blog.example.com matches none of its Ingresses and its default backend answers 404 Not Found. The controller hop names the Ingress it skipped and why.',
    'http://blog.example.com/',
    { verdict: 'Dropped', reason: 'NoIngressRule' },
  ),
  entry(
    'ingress-ssl-redirect',
    'Plain HTTP to a host with TLS gets a 308',
    'Ingress shop lists shop.example.com under tls. ingress-nginx redirects plain HTTP for such a host to HTTPS by default (ssl-redirect): it answers 308 Permanent Redirect with Location https://shop.example.com/cart itself, and no backend sees the request. The annotation nginx.ingress.kubernetes.io/ssl-redirect: "false" would turn that off.',
    'http://shop.example.com/cart',
    { verdict: 'Delivered' },
  ),
];
