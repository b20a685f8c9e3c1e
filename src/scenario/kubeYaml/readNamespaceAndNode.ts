/** Readers for the cluster-scoped objects that shape the cluster: Namespace and Node. */
import { parseCidr, parseIpv4 } from '../../engine/net.ts';
import type { Labels, NamespaceSpec } from '../../engine/spec.ts';
import { SUBNET_ANNOTATION } from './extensionAnnotations.ts';
import { fieldTable, type Fields } from './fields.ts';
import { checkObjectKeys, optional, readMeta } from './readCommonFields.ts';

export function readNamespace(obj: Record<string, unknown>, f: Fields): NamespaceSpec | undefined {
  checkObjectKeys(obj, f, { spec: 'ignore', status: 'ignore' });
  const meta = readMeta(obj, f, { namespaced: false, nameIsLabel: true });
  if (!meta || f.invalid) return undefined;
  return { name: meta.name, ...optional('labels', meta.labels) };
}

export interface Taint {
  readonly key: string;
  readonly value?: string;
  readonly effect: string;
}

export interface NodeDraft {
  readonly name: string;
  readonly ip?: string;
  readonly podCidr?: string;
  readonly subnet?: string;
  readonly labels?: Labels;
  readonly taints: readonly Taint[];
  readonly unschedulable: boolean;
}

export function readNode(obj: Record<string, unknown>, f: Fields): NodeDraft | undefined {
  checkObjectKeys(obj, f, { spec: 'read', status: 'read' });
  const meta = readMeta(obj, f, { namespaced: false });
  if (!meta) return undefined;
  const spec = f.rec(obj, 'spec', '') ?? {};
  f.checkKeys(
    spec,
    'spec',
    fieldTable('podCIDR podCIDRs taints unschedulable', 'providerID externalID configSource'),
  );
  let podCidr: string | undefined;
  for (const c of [
    f.str(spec, 'podCIDR', 'spec'),
    ...(f.strings(spec, 'podCIDRs', 'spec') ?? []),
  ]) {
    if (c === undefined) continue;
    if (parseCidr(c)) {
      podCidr = c;
      break;
    }
    if (!c.includes(':')) f.warn('spec.podCIDR', `"${c}" is not an IPv4 CIDR; ignored.`);
  }
  const taints: Taint[] = f.records(spec, 'taints', 'spec').flatMap((t) => {
    const key = f.str(t.value, 'key', t.path);
    const effect = f.str(t.value, 'effect', t.path);
    if (!key || !effect) return [];
    return [{ key, effect, ...optional('value', f.str(t.value, 'value', t.path)) }];
  });
  const status = f.rec(obj, 'status', '') ?? {};
  let ip: string | undefined;
  for (const a of f.records(status, 'addresses', 'status')) {
    if (f.str(a.value, 'type', a.path) !== 'InternalIP') continue;
    const address = f.str(a.value, 'address', a.path);
    if (address && parseIpv4(address)) {
      ip = address;
      break;
    }
  }
  if (f.invalid) return undefined;
  return {
    name: meta.name,
    ...optional('ip', ip),
    ...optional('podCidr', podCidr),
    ...optional('subnet', meta.annotations?.[SUBNET_ANNOTATION]),
    ...optional('labels', meta.labels),
    taints,
    unschedulable: f.bool(spec, 'unschedulable', 'spec') ?? false,
  };
}
