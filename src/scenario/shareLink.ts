/**
 * Share links: the scenario and view in the URL fragment (never sent to a server), compressed,
 * behind a version prefix. Decoding is defensive: size caps before and after decompression, and
 * the envelope's restore decides what is valid. Nothing here throws on bad input.
 */
import { Inflate, deflateSync, strFromU8, strToU8 } from 'fflate';
import type { ClusterSettings } from '../engine/spec.ts';
import type { ScenarioDocument } from './scenarioDocument.ts';
import { restoreEnvelope, wrapScenario, type RestoreResult, type ViewState } from './envelope.ts';

/** The fragment prefix of link format 1. A new format gets a new prefix; old ones keep decoding. */
export const LINK_PREFIX_V1 = 'pp1.';
/** Longest link fragment accepted (characters) and largest decompressed payload (bytes). */
export const MAX_LINK_CHARS = 400_000;
export const MAX_LINK_JSON_BYTES = 2_000_000;
/** Links longer than this are hard to paste into chat tools and course pages. */
export const COMFORTABLE_LINK_CHARS = 2_000;

/**
 * The settings link format 1 leaves out when they are equal. Frozen: if the app's defaults
 * change, old links must still mean what they meant.
 */
const LINK_V1_SETTINGS: ClusterSettings = {
  cni: { plugin: 'flannel', mode: 'vxlan' },
  proxyMode: 'iptables',
  clusterCidr: '10.244.0.0/16',
  serviceCidr: '10.96.0.0/12',
  nodeNetwork: '192.168.49.0/24',
  clusterDomain: 'cluster.local',
  nodePortRange: '30000-32767',
  nodeCidrMaskSize: 24,
  ingressController: true,
};

/**
 * A preset DEFLATE dictionary of what every scenario says, so even a small link is short.
 * Frozen with format 1: changing one byte would break every link made with it.
 */
const LINK_V1_DICTIONARY = strToU8(
  '"ipBlock":{"cidr":"0.0.0.0/0","except":["' +
    '"policyTypes":["Ingress","Egress"],"ingress":[{"from":[{"namespaceSelector":{"matchLabels":{' +
    '"podSelector":{"matchLabels":{"role":"' +
    '"matchExpressions":[{"key":"","operator":"In","values":["' +
    '"networkPolicies":[{"name":"' +
    '"ingresses":[{"name":"","ingressClassName":"nginx","rules":[{"host":"","paths":[{"path":"/","pathType":"Prefix","backend":{"service":"' +
    '"tls":[{"hosts":["' +
    '"externalClients":[{"name":"laptop","ip":"' +
    '"type":"NodePort","externalTrafficPolicy":"Local","internalTrafficPolicy":"Local","sessionAffinity":"ClientIP",' +
    '"type":"LoadBalancer","clusterIP":"None","type":"ExternalName","externalName":"' +
    '"ready":false,"hostNetwork":true,"hostname":"","subdomain":"' +
    '"layout":{"Pod/default/' +
    '"flow":{"from":{"kind":"pod","namespace":"default","name":"client"},"to":{"kind":"name","name":"' +
    '"port":80,"protocol":"TCP","seed":1}' +
    '"services":[{"name":"web","type":"ClusterIP","selector":{"app":"web"},"ports":[{"name":"http","port":80,"targetPort":8080}]}]' +
    '"ownerRef":"Deployment/web","containers":[{"name":"web","image":"nginx","ports":[{"name":"http","containerPort":8080}]}]}' +
    '{"name":"client","nodeName":"node-1","labels":{"app":"client"},"containers":[{"name":"curl","image":"curlimages/curl"}]},' +
    '"pods":[{"name":"web-1","nodeName":"node-1","labels":{"app":"web"},' +
    '"nodes":[{"name":"node-1"},{"name":"node-2"}],' +
    '{"format":"podpath-scenario","version":1,"scenario":{"title":"","description":"","cluster":{"settings":{},',
);

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63];
    if (i + 1 < bytes.length) out += B64[(n >> 6) & 63];
    if (i + 2 < bytes.length) out += B64[n & 63];
  }
  return out;
}

export function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const bytes = new Uint8Array(Math.floor((text.length * 3) / 4));
  let j = 0;
  for (let i = 0; i < text.length; i += 4) {
    const c = [0, 1, 2, 3].map((k) => (i + k < text.length ? B64.indexOf(text[i + k]) : 0));
    const n = (c[0] << 18) | (c[1] << 12) | (c[2] << 6) | c[3];
    bytes[j++] = (n >> 16) & 255;
    if (i + 2 < text.length) bytes[j++] = (n >> 8) & 255;
    if (i + 3 < text.length) bytes[j++] = n & 255;
  }
  return bytes.subarray(0, j);
}

function compactSettings(s: ClusterSettings): Partial<ClusterSettings> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s)) {
    const d = (LINK_V1_SETTINGS as unknown as Record<string, unknown>)[k];
    if (JSON.stringify(v) !== JSON.stringify(d)) out[k] = v;
  }
  return out as Partial<ClusterSettings>;
}

/** Compresses a link payload with link format 1's dictionary (lessons carry scenarios too). */
export function deflateForLink(json: string): Uint8Array {
  return deflateSync(strToU8(json), { level: 9, mem: 12, dictionary: LINK_V1_DICTIONARY });
}

/** Encodes a scenario and view as a URL fragment (without the leading #). */
export function encodeShareFragment(scenario: ScenarioDocument, view?: ViewState): string {
  const compact = {
    ...scenario,
    cluster: { ...scenario.cluster, settings: compactSettings(scenario.cluster.settings) },
  };
  const envelope = wrapScenario(compact as unknown as ScenarioDocument, view);
  const bytes = deflateForLink(JSON.stringify(envelope));
  return LINK_PREFIX_V1 + toBase64Url(bytes);
}

/**
 * Input bytes handed to the inflater at a time. DEFLATE expands at most about 1032:1, so one
 * push can produce at most about 1 MB past the cap before the cap is seen: the input is streamed
 * in small pieces because fflate inflates all it is given before it reports any output.
 */
export const INFLATE_INPUT_CHUNK = 1024;

/** Inflates a link payload made with the link dictionary, stopping past `max` bytes. */
export function inflateCapped(
  bytes: Uint8Array,
  max: number,
): Uint8Array | 'too-large' | 'corrupt' {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflater = new Inflate({ dictionary: LINK_V1_DICTIONARY }, (chunk) => {
    total += chunk.length;
    chunks.push(chunk);
  });
  try {
    for (let at = 0; at < bytes.length; at += INFLATE_INPUT_CHUNK) {
      const end = Math.min(at + INFLATE_INPUT_CHUNK, bytes.length);
      inflater.push(bytes.subarray(at, end), end === bytes.length);
      if (total > max) return 'too-large';
    }
  } catch {
    return 'corrupt';
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

/** Reads a fragment (with or without #) made by any shipped link format; never throws. */
export function decodeShareFragment(fragment: string): RestoreResult {
  const text = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (text.length > MAX_LINK_CHARS)
    return { ok: false, message: 'This link is too long to be a PodPath link.' };
  if (!text.startsWith(LINK_PREFIX_V1)) {
    return { ok: false, message: 'This link does not hold a PodPath scenario (unknown format).' };
  }
  const bytes = fromBase64Url(text.slice(LINK_PREFIX_V1.length));
  if (!bytes || bytes.length === 0)
    return {
      ok: false,
      message:
        'This link is damaged: it has characters a PodPath link never has. Was it cut off or changed?',
    };
  const json = inflateCapped(bytes, MAX_LINK_JSON_BYTES);
  if (json === 'too-large')
    return {
      ok: false,
      message: 'This link unpacks to more data than a scenario may hold, so it was not opened.',
    };
  if (json === 'corrupt')
    return {
      ok: false,
      message: 'This link is damaged and cannot be unpacked. Was it cut off when it was copied?',
    };
  let data: unknown;
  try {
    data = JSON.parse(strFromU8(json));
  } catch {
    return { ok: false, message: 'This link is damaged: its contents are not readable.' };
  }
  if (typeof data === 'object' && data !== null && 'scenario' in data) {
    const env = data as { scenario: unknown };
    if (typeof env.scenario === 'object' && env.scenario !== null && 'cluster' in env.scenario) {
      const sc = env.scenario as { cluster: unknown };
      if (typeof sc.cluster === 'object' && sc.cluster !== null) {
        const cl = sc.cluster as { settings?: unknown };
        const given = typeof cl.settings === 'object' && cl.settings !== null ? cl.settings : {};
        cl.settings = { ...LINK_V1_SETTINGS, ...given };
      }
    }
  }
  return restoreEnvelope(data);
}
