import { describe, expect, it } from 'vitest';
import { buildCluster } from '../engine/cluster/buildCluster.ts';
import { gatewayApiSummaryOf } from '../engine/gateway/gatewayWorld.ts';
import { runProbe } from '../engine/probe.ts';
import { defaultScenario } from '../scenario/builtins/defaultScenario.ts';
import { galleryEntry } from '../scenario/builtins/gallery.ts';
import { validateScenario } from '../scenario/schema.ts';
import { parseElementKey } from '../scenario/document/elementKey.ts';
import { deleteElements } from '../scenario/document/edits/deleteElements.ts';
import { hasElement } from '../scenario/document/edits/documentQueries.ts';
import { renameElement } from '../scenario/document/edits/renameElements.ts';
import {
  addGatewayWithRoute,
  convertIngressToGateway,
  findL7Object,
  replaceL7Object,
} from './gatewayEdits.ts';

const doc = defaultScenario;

describe('Gateway API edits', () => {
  it('adds a Gateway and an HTTPRoute the Gateway accepts, sending to a Service', () => {
    const result = addGatewayWithRoute(doc, { position: { x: 10, y: -200 } });
    expect(result.keys).toEqual(['Gateway/default/gateway-1', 'HTTPRoute/default/route-1']);
    expect(validateScenario(result.document).ok).toBe(true);
    const status = gatewayApiSummaryOf(buildCluster(result.document.cluster));
    const route = status.httpRoutes[0];
    expect(route.parents[0].accepted).toBe(true);
    expect(route.resolvedRefs.status).toBe(true);
    expect(route.backends[0].serviceKey).toMatch(/^Service\/default\//);
    expect(result.document.layout['Gateway/default/gateway-1']).toEqual({ x: 10, y: -200 });
    // A second one gets the next names and shares the one GatewayClass.
    const again = addGatewayWithRoute(result.document);
    expect(again.keys[0]).toBe('Gateway/default/gateway-2');
    expect(again.document.cluster.gatewayClasses).toHaveLength(1);
  });

  it('parses the new keys, renames a Gateway with its routes following, and deletes', () => {
    const { document } = addGatewayWithRoute(doc);
    expect(parseElementKey('HTTPRoute/default/route-1')).toEqual({
      kind: 'HTTPRoute',
      namespace: 'default',
      name: 'route-1',
    });
    expect(parseElementKey('CiliumClusterwideNetworkPolicy/x')).toEqual({
      kind: 'CiliumClusterwideNetworkPolicy',
      name: 'x',
    });
    const renamed = renameElement(document, 'Gateway/default/gateway-1', 'edge');
    expect(renamed.keys).toEqual(['Gateway/default/edge']);
    expect(renamed.document.cluster.httpRoutes?.[0].parentRefs[0].name).toBe('edge');
    const gone = deleteElements(renamed.document, ['HTTPRoute/default/route-1']);
    expect(hasElement(gone.document, 'HTTPRoute/default/route-1')).toBe(false);
    expect(hasElement(gone.document, 'Gateway/default/edge')).toBe(true);
  });

  it('replaces an object by its edited form, moving the layout to a new name, refusing a taken one', () => {
    const added = addGatewayWithRoute(
      addGatewayWithRoute(doc, { position: { x: 1, y: 2 } }).document,
    );
    const key = 'Gateway/default/gateway-1';
    const object = findL7Object(added.document.cluster, key);
    if (object?.kind !== 'Gateway') throw new Error('no gateway');
    const next = replaceL7Object(added.document, key, {
      kind: 'Gateway',
      spec: { ...object.spec, name: 'front' },
    });
    expect(next.keys).toEqual(['Gateway/default/front']);
    expect(next.document.layout['Gateway/default/front']).toEqual({ x: 1, y: 2 });
    expect(() =>
      replaceL7Object(added.document, key, {
        kind: 'Gateway',
        spec: { ...object.spec, name: 'gateway-2' },
      }),
    ).toThrow(/already a Gateway default\/gateway-2/);
  });
});

describe('Convert to Gateway API', () => {
  const entry = galleryEntry('ingress');
  if (!entry) throw new Error('no ingress gallery entry');
  const doc = entry.scenario;
  const key = 'Ingress/default/shop';

  it('adds the Gateway, its class and one route per host; the same request then goes through the Gateway to the same Service', () => {
    const flow = doc.flow;
    if (!flow) throw new Error('no flow');
    const before = runProbe(buildCluster(doc.cluster), flow);
    const result = convertIngressToGateway(doc, key);
    expect(validateScenario(result.document).ok).toBe(true);
    expect(result.keys).toEqual([
      'Gateway/default/nginx',
      'HTTPRoute/default/shop-shop-example-com',
    ]);
    expect(result.document.cluster.gatewayClasses?.map((c) => c.name)).toEqual(['nginx']);
    expect(result.note).toMatch(/ingress2gateway/);
    // The Ingress stays, so the two can be compared.
    expect(result.document.cluster.ingresses).toEqual(doc.cluster.ingresses);
    const after = runProbe(buildCluster(result.document.cluster), flow);
    expect(after.verdict).toBe('Delivered');
    expect(after.http?.gateway).toBe('default/nginx');
    expect(after.http?.route).toBe('default/shop-shop-example-com');
    expect(after.http?.backend?.service).toBe('api');
    // Both reach an api pod: the Ingress's /api prefix and the route's PathPrefix /api agree.
    expect(before.deliveredTo?.pod.name).toMatch(/^api(-|$)/);
    expect(after.deliveredTo?.pod.name).toMatch(/^api(-|$)/);
  });

  it('converting again merges into the Gateway and renames the routes', () => {
    const once = convertIngressToGateway(doc, key).document;
    const twice = convertIngressToGateway(once, key);
    expect(twice.document.cluster.gateways).toHaveLength(1);
    expect(twice.keys[1]).toBe('HTTPRoute/default/shop-shop-example-com-2');
  });
});
