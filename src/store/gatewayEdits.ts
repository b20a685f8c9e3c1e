/**
 * Edits of the Gateway API and Cilium objects: the palette's Gateway with a route to a Service,
 * the inspector's replacement of one object by what its YAML editor read, and an Ingress
 * converted to its Gateway API equivalent.
 */
import type {
  GatewayClassSpec,
  GatewaySpec,
  HTTPRouteSpec,
} from '../engine/gateway/gatewaySpec.ts';
import { DEFAULT_NAMESPACE, ingressControllerOf, type ClusterSpec } from '../engine/spec.ts';
import { convertIngress } from '../scenario/ingressToGateway.ts';
import type { L7Object } from '../scenario/l7ObjectYaml.ts';
import type { ScenarioDocument } from '../scenario/scenarioDocument.ts';
import { uniqueName, type EditResult } from '../scenario/document/edits/editKit.ts';
import type { AddOptions } from '../scenario/document/edits/addElements.ts';
import {
  ciliumPolicyKey,
  gatewayClassKey,
  gatewayKey,
  httpRouteKey,
  ingressKey,
  kindOfKey,
  qualifiedNameOfKey,
  referenceGrantKey,
  type ElementKey,
} from '../scenario/document/elementKey.ts';

const nsOf = (o: { readonly namespace?: string }) => o.namespace ?? DEFAULT_NAMESPACE;

/** The class the palette's Gateways use: Envoy Gateway, the implementation PodPath simulates. */
export const ENVOY_GATEWAY_CLASS: GatewayClassSpec = {
  name: 'eg',
  controllerName: 'gateway.envoyproxy.io/gatewayclass-controller',
};

/**
 * Adds a Gateway with one HTTP listener on port 80 (routes from its own namespace, the API's
 * default) and an HTTPRoute attached to it that sends every path of shop.example.com to the
 * first Service of the namespace. The GatewayClass is added when the cluster has none.
 */
export function addGatewayWithRoute(doc: ScenarioDocument, options: AddOptions = {}): EditResult {
  const namespace = options.namespace ?? DEFAULT_NAMESPACE;
  const c = doc.cluster;
  const classes = c.gatewayClasses ?? [];
  const gatewayClass = classes[0] ?? ENVOY_GATEWAY_CLASS;
  const taken = (list: readonly { name: string; namespace?: string }[] | undefined) =>
    new Set((list ?? []).filter((o) => nsOf(o) === namespace).map((o) => o.name));
  const nsField = namespace !== DEFAULT_NAMESPACE ? { namespace } : {};
  const gateway: GatewaySpec = {
    name: uniqueName(taken(c.gateways), 'gateway', true),
    ...nsField,
    gatewayClassName: gatewayClass.name,
    listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }],
  };
  const backend = c.services.find(
    (s) => nsOf(s) === namespace && s.type !== 'ExternalName' && s.ports.length > 0,
  );
  const route: HTTPRouteSpec = {
    name: uniqueName(taken(c.httpRoutes), 'route', true),
    ...nsField,
    parentRefs: [{ name: gateway.name }],
    hostnames: ['shop.example.com'],
    rules: [
      {
        matches: [{ path: { type: 'PathPrefix', value: '/' } }],
        ...(backend ? { backendRefs: [{ name: backend.name, port: backend.ports[0].port }] } : {}),
      },
    ],
  };
  const key = gatewayKey(gateway);
  return {
    document: {
      ...doc,
      cluster: {
        ...c,
        gatewayClasses: classes.length > 0 ? classes : [gatewayClass],
        gateways: [...(c.gateways ?? []), gateway],
        httpRoutes: [...(c.httpRoutes ?? []), route],
      },
      layout: options.position ? { ...doc.layout, [key]: options.position } : doc.layout,
    },
    keys: [key, httpRouteKey(route)],
    ...(backend
      ? {}
      : {
          note: `Route ${route.name} has no backend yet: add a Service in ${namespace} and name it in the route.`,
        }),
  };
}

type L7Kind = L7Object['kind'];
type L7Spec = L7Object['spec'];
type L7List = 'gatewayClasses' | 'gateways' | 'httpRoutes' | 'referenceGrants' | 'ciliumPolicies';

/** Where each kind of L7 object lives in the cluster, and how its key is made. */
const L7_HOMES: Readonly<
  Record<L7Kind, readonly [list: L7List, keyOf: (spec: never) => ElementKey]>
> = {
  GatewayClass: ['gatewayClasses', gatewayClassKey],
  Gateway: ['gateways', gatewayKey],
  HTTPRoute: ['httpRoutes', httpRouteKey],
  ReferenceGrant: ['referenceGrants', referenceGrantKey],
  CiliumNetworkPolicy: ['ciliumPolicies', ciliumPolicyKey],
  CiliumClusterwideNetworkPolicy: ['ciliumPolicies', ciliumPolicyKey],
};

/** The cluster's list of objects of `kind`, its name, and how their keys are made. */
function homeOf(kind: L7Kind, cluster: ClusterSpec) {
  const [list, keyOf] = L7_HOMES[kind];
  return {
    list,
    objects: (cluster[list] ?? []) as readonly L7Spec[],
    keyOf: keyOf as (spec: L7Spec) => ElementKey,
  };
}

/** The key an object has in the document. */
export function l7ObjectKey(object: L7Object): ElementKey {
  return (L7_HOMES[object.kind][1] as (spec: L7Spec) => ElementKey)(object.spec);
}

/** The object under `key` in the cluster, or undefined. */
export function findL7Object(cluster: ClusterSpec, key: string): L7Object | undefined {
  const kind = kindOfKey(key);
  if (!kind || !(kind in L7_HOMES)) return undefined;
  const { objects, keyOf } = homeOf(kind as L7Kind, cluster);
  const spec = objects.find((o) => keyOf(o) === key);
  return spec && ({ kind, spec } as L7Object);
}

const replaceIn = <T>(list: readonly T[] | undefined, at: (o: T) => boolean, next: T): T[] =>
  (list ?? []).map((o) => (at(o) ? next : o));

/**
 * Puts `object` where the object under `key` was (same kind). A new name or namespace gives it a
 * new key, which the layout follows; a name another object of the kind has is refused.
 */
export function replaceL7Object(doc: ScenarioDocument, key: string, object: L7Object): EditResult {
  const newKey = l7ObjectKey(object);
  if (newKey !== key && findL7Object(doc.cluster, newKey)) {
    throw new Error(`There is already a ${object.kind} ${qualifiedNameOfKey(newKey)}.`);
  }
  const { list, objects, keyOf } = homeOf(object.kind, doc.cluster);
  const cluster = {
    ...doc.cluster,
    [list]: replaceIn(objects, (o) => keyOf(o) === key, object.spec),
  };
  let layout = doc.layout;
  if (newKey !== key && key in layout) {
    const { [key]: at, ...rest } = layout;
    layout = { ...rest, [newKey]: at };
  }
  return { document: { ...doc, cluster, layout }, keys: [newKey] };
}

/**
 * Adds the Gateway API equivalent of an Ingress next to it (convertIngress): the Gateway of its
 * class (listeners merged into one that exists), its HTTPRoutes (renamed when a name is taken),
 * and a GatewayClass of that name served by Envoy Gateway when there is none, so the Gateway
 * is programmed and the same request can be sent through it.
 */
export function convertIngressToGateway(doc: ScenarioDocument, key: string): EditResult {
  const c = doc.cluster;
  const ingress = (c.ingresses ?? []).find((i) => ingressKey(i) === key);
  if (!ingress) throw new Error(`There is no Ingress ${qualifiedNameOfKey(key)}.`);
  const namespace = nsOf(ingress);
  const out = convertIngress(ingress, {
    defaultClass: ingressControllerOf(c.settings)?.value ?? 'nginx',
    portNumber: (ns, service, portName) =>
      c.services
        .find((s) => s.name === service && nsOf(s) === ns)
        ?.ports.find((p) => p.name === portName)?.port,
  });
  const classes = c.gatewayClasses ?? [];
  const addClass = !classes.some((k) => k.name === out.className);
  const gateways = [...(c.gateways ?? [])];
  const at = gateways.findIndex((g) => g.name === out.gateway.name && nsOf(g) === namespace);
  if (at >= 0) {
    const existing = gateways[at];
    const names = new Set(existing.listeners.map((l) => l.name));
    gateways[at] = {
      ...existing,
      listeners: [
        ...existing.listeners,
        ...out.gateway.listeners.filter((l) => !names.has(l.name)),
      ],
    };
  } else {
    gateways.push(out.gateway);
  }
  const taken = new Set(
    (c.httpRoutes ?? []).filter((r) => nsOf(r) === namespace).map((r) => r.name),
  );
  const routes = out.httpRoutes.map((r) => {
    const name = uniqueName(taken, r.name);
    taken.add(name);
    return name === r.name ? r : { ...r, name };
  });
  const gateway = gateways[at >= 0 ? at : gateways.length - 1];
  const notes = [
    `Added Gateway ${gateway.name} and ${routes.length} HTTPRoute${routes.length === 1 ? '' : 's'} as ingress2gateway would.`,
    addClass
      ? `GatewayClass ${out.className} is served by Envoy Gateway here, so the Gateway is programmed.`
      : '',
    'A request for these hosts now goes through the Gateway; undo or delete it to send through the Ingress again.',
    ...out.notes,
  ].filter(Boolean);
  return {
    document: {
      ...doc,
      cluster: {
        ...c,
        gatewayClasses: addClass
          ? [...classes, { ...ENVOY_GATEWAY_CLASS, name: out.className }]
          : classes,
        gateways,
        httpRoutes: [...(c.httpRoutes ?? []), ...routes],
      },
    },
    keys: [gatewayKey(gateway), ...routes.map(httpRouteKey)],
    note: notes.join(' '),
  };
}
