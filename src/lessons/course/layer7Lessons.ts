/**
 * Lessons at layer 7: Gateway API routes across namespaces, and Cilium's HTTP-aware policy.
 * Each claim rests on the upstream page in its `sources`; course.test.ts pins every answer
 * against the engine.
 */
import { galleryEntry } from '../../scenario/builtins/gallery.ts';
import type { CiliumPolicySpec } from '../../engine/cilium/ciliumSpec.ts';
import type { Lesson } from '../lessonTypes.ts';
import { choices, delivers, flowCheck, fromGallery, solved, visitorTo } from './courseBuilders.ts';

const toCheckout = visitorTo('http://store.example.com/pay');

const gatewayStart = fromGallery(
  'gateway-cross-namespace-denied',
  'A route to another namespace',
  'HTTPRoute store (namespace store) sends store.example.com to Service checkout in namespace payments.',
);
const granted = galleryEntry('gateway-cross-namespace-granted');

export const gatewayLesson: Lesson = {
  id: 'gateway-api',
  title: 'Gateway API: routes, namespaces and ReferenceGrant',
  topic: 'Gateway API',
  level: 'advanced',
  minutes: 10,
  summary:
    'A Gateway is a proxy the cluster operator runs; HTTPRoutes in other namespaces attach to it. A route may send to a Service in another namespace only when that namespace says so with a ReferenceGrant.',
  start: gatewayStart,
  solution: solved(gatewayStart, (c) => ({
    ...c,
    referenceGrants: granted?.scenario.cluster.referenceGrants ?? [],
  })),
  sources: [
    'https://gateway-api.sigs.k8s.io/api-types/referencegrant/',
    'https://gateway-api.sigs.k8s.io/api-types/httproute/',
    'https://gateway-api.sigs.k8s.io/guides/multiple-ns/',
  ],
  steps: [
    {
      title: 'Across a namespace line',
      text: 'The route lives in namespace **store**; its backend, Service **checkout**, lives in **payments**. Nothing in payments mentions store.',
      prediction: {
        fact: 'verdict',
        question: 'Does http://store.example.com/pay reach the checkout pod?',
        probe: toCheckout,
        choices: choices(
          ['Delivered', 'Yes: the route names the Service, so the gateway sends it there'],
          ['Dropped', 'No: the reference is not permitted, so the gateway answers an error'],
        ),
        explanation:
          'Without a ReferenceGrant in payments, the route’s ResolvedRefs condition is False (RefNotPermitted) and the gateway answers 500 for the rule.',
      },
    },
    {
      title: 'Challenge: let the route in',
      text: 'Add a **ReferenceGrant** in namespace **payments** that lets HTTPRoutes from namespace **store** refer to Service **checkout**.',
      challenge: {
        goal: 'store.example.com/pay reaches the checkout pod in payments.',
        checks: [
          delivers('store.example.com/pay reaches checkout', toCheckout, 'payments/checkout-1'),
        ],
      },
    },
  ],
};

const ciliumStart = fromGallery(
  'cilium-l7-policy',
  'A policy that reads HTTP',
  'CiliumNetworkPolicy web-read-only lets the gateway reach web only for GET under /public.',
);

/** The same policy with a second HTTP rule: GET under /api too. */
const withApi = (p: CiliumPolicySpec): CiliumPolicySpec => ({
  ...p,
  ingress: (p.ingress ?? []).map((rule) => ({
    ...rule,
    toPorts: (rule.toPorts ?? []).map((tp) => ({
      ...tp,
      rules: {
        ...tp.rules,
        http: [...(tp.rules?.http ?? []), { method: 'GET', path: '/api(/.*)?' }],
      },
    })),
  })),
});

export const ciliumL7Lesson: Lesson = {
  id: 'cilium-l7',
  title: 'Cilium: a policy that reads HTTP requests',
  topic: 'Cilium policy',
  level: 'advanced',
  minutes: 8,
  summary:
    'A Kubernetes NetworkPolicy sees addresses and ports. A CiliumNetworkPolicy with HTTP rules sends the connection through Cilium’s own proxy, which allows or refuses each request by method and path: a refused request gets 403 while the connection itself is allowed.',
  start: ciliumStart,
  solution: solved(ciliumStart, (c) => ({
    ...c,
    ciliumPolicies: (c.ciliumPolicies ?? []).map(withApi),
  })),
  sources: [
    'https://docs.cilium.io/en/stable/security/policy/language/#layer-7-examples',
    'https://docs.cilium.io/en/stable/security/http/',
  ],
  steps: [
    {
      title: 'A request the policy does not name',
      text: 'The policy allows TCP 8080 from the gateway’s pods, with HTTP rules: only **GET** under **/public**.',
      prediction: {
        fact: 'verdict',
        question: 'Does http://shop.example.com/admin reach web?',
        probe: visitorTo('http://shop.example.com/admin'),
        choices: choices(
          ['Delivered', 'Yes: the connection on TCP 8080 is allowed'],
          ['Dropped', 'No: Cilium’s proxy reads the request and refuses it'],
        ),
        explanation:
          'The TCP connection is allowed; Cilium’s Envoy finds no HTTP rule for GET /admin and answers 403 itself.',
      },
    },
    {
      title: 'Challenge: open the API',
      text: 'Add an HTTP rule to **web-read-only** so that **GET /api/...** reaches web too, while /admin stays refused.',
      challenge: {
        goal: 'GET /api/items is delivered to web; GET /admin still gets 403.',
        checks: [
          delivers(
            'GET /api/items reaches web',
            visitorTo('http://shop.example.com/api/items'),
            'default/web-1',
          ),
          flowCheck('GET /admin is still refused', visitorTo('http://shop.example.com/admin'), {
            verdict: 'Dropped',
            reason: 'HttpDenied',
          }),
        ],
      },
    },
  ],
};
