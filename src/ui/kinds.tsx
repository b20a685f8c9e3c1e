/**
 * The visual language of each kind of object, shared by the canvas, the palette and the
 * inspector so a Service looks like a Service everywhere: an icon (shape tells kinds apart
 * without colour), a name, and a tone. Presentational only: no store, no engine.
 */

/** Each kind of object the views draw, and its name. */
export const KIND_LABEL = {
  Node: 'Node',
  Pod: 'Pod',
  Deployment: 'Deployment',
  Service: 'Service',
  LoadBalancer: 'Load balancer',
  Ingress: 'Ingress',
  Gateway: 'Gateway',
  HTTPRoute: 'HTTPRoute',
  ReferenceGrant: 'ReferenceGrant',
  CiliumPolicy: 'Cilium policy',
  Internet: 'Internet user',
  Laptop: 'Office laptop',
  OutsideService: 'Outside service',
  Namespace: 'Namespace',
  NetworkPolicy: 'NetworkPolicy',
  Container: 'Container',
  Cluster: 'Cluster',
} as const satisfies Record<string, string>;
export type Kind = keyof typeof KIND_LABEL;

/**
 * Tones: `icon` colours the glyph, `chip` is a tinted square behind it, `bar` the card's accent
 * edge. The palette swaps in dark mode (see theme.css), so these read on both themes.
 */
// prettier-ignore
export const KIND_TONE: Record<Kind, { icon: string; chip: string; bar: string }> = {
  Node: { icon: 'text-slate-600', chip: 'bg-slate-100 border-slate-300', bar: 'border-l-slate-500' },
  Pod: { icon: 'text-emerald-600', chip: 'bg-emerald-50 border-emerald-200', bar: 'border-l-emerald-500' },
  Deployment: { icon: 'text-emerald-700', chip: 'bg-emerald-50 border-emerald-200', bar: 'border-l-emerald-600' },
  Service: { icon: 'text-violet-600', chip: 'bg-violet-50 border-violet-200', bar: 'border-l-violet-600' },
  LoadBalancer: { icon: 'text-cyan-700', chip: 'bg-cyan-50 border-cyan-200', bar: 'border-l-cyan-600' },
  Ingress: { icon: 'text-blue-600', chip: 'bg-blue-50 border-blue-200', bar: 'border-l-blue-600' },
  Gateway: { icon: 'text-indigo-600', chip: 'bg-indigo-50 border-indigo-200', bar: 'border-l-indigo-600' },
  HTTPRoute: { icon: 'text-sky-700', chip: 'bg-sky-50 border-sky-200', bar: 'border-l-sky-600' },
  ReferenceGrant: { icon: 'text-teal-700', chip: 'bg-teal-50 border-teal-200', bar: 'border-l-teal-600' },
  CiliumPolicy: { icon: 'text-orange-600', chip: 'bg-orange-50 border-orange-200', bar: 'border-l-orange-500' },
  Internet: { icon: 'text-amber-600', chip: 'bg-amber-50 border-amber-200', bar: 'border-l-amber-500' },
  Laptop: { icon: 'text-amber-600', chip: 'bg-amber-50 border-amber-200', bar: 'border-l-amber-500' },
  OutsideService: { icon: 'text-amber-700', chip: 'bg-amber-50 border-amber-200', bar: 'border-l-amber-600' },
  Namespace: { icon: 'text-fuchsia-600', chip: 'bg-fuchsia-50 border-fuchsia-200', bar: 'border-l-fuchsia-500' },
  NetworkPolicy: { icon: 'text-rose-600', chip: 'bg-rose-50 border-rose-200', bar: 'border-l-rose-600' },
  Container: { icon: 'text-slate-500', chip: 'bg-slate-50 border-slate-200', bar: 'border-l-slate-400' },
  Cluster: { icon: 'text-sky-700', chip: 'bg-sky-50 border-sky-200', bar: 'border-l-sky-600' },
};

const stroke = {
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 1.3,
  strokeLinejoin: 'round',
  strokeLinecap: 'round',
} as const;

/** An outline with a light fill of the same colour. */
const filled = { ...stroke, fill: 'currentColor', fillOpacity: 0.15 } as const;

/** Each kind's strokes in a 16x16 box. */
// prettier-ignore
const GLYPHS: Record<Kind, React.JSX.Element> = {
  Node: <><rect x="1.5" y="2" width="13" height="5" rx="1.2" {...stroke} /><rect x="1.5" y="9" width="13" height="5" rx="1.2" {...stroke} /><circle cx="4.5" cy="4.5" r="0.9" fill="currentColor" /><circle cx="4.5" cy="11.5" r="0.9" fill="currentColor" /></>,
  Pod: <><path d="M8 1.5 14 5v6l-6 3.5L2 11V5z" {...filled} /></>,
  Deployment: <><path d="M6 1.8 10.2 4.2v4.6L6 11.2 1.8 8.8V4.2z" {...stroke} /><path d="M10 4.8 14.2 7.2v4.6L10 14.2l-4.2-2.4" {...stroke} /></>,
  Service: <><circle cx="8" cy="4" r="2.3" fill="currentColor" /><circle cx="3.5" cy="12" r="2" {...stroke} /><circle cx="12.5" cy="12" r="2" {...stroke} /><path d="M8 6.3 3.8 10M8 6.3l4.2 3.7" {...stroke} /></>,
  LoadBalancer: <><path d="M4.5 11.5h7.3a2.7 2.7 0 0 0 .3-5.4A4 4 0 0 0 4.4 6.5a2.5 2.5 0 0 0 .1 5z" {...stroke} /><path d="M8 11.5v3M5 14.5h6" {...stroke} /></>,
  Ingress: <><path d="M9 2.5h4.5v11H9" {...stroke} /><path d="M1.5 8h8M6.5 5l3 3-3 3" {...stroke} /></>,
  Gateway: <><path d="M2 14.5V6.5L8 2l6 4.5v8" {...stroke} /><path d="M5.5 14.5V9.5a2.5 2.5 0 0 1 5 0v5" {...stroke} /></>,
  HTTPRoute: <><path d="M1.5 8H6l3.5-4.5h5M6 8l3.5 4.5h5" {...stroke} /><path d="m12.5 2 2 1.5-2 1.5M12.5 11l2 1.5-2 1.5" {...stroke} /></>,
  ReferenceGrant: <><circle cx="5" cy="8" r="3" {...stroke} /><path d="M8 8h6.5M12 8v2.5M14.5 8v2" {...stroke} /></>,
  CiliumPolicy: <><path d="M8 1.5 13.6 4.8v6.4L8 14.5l-5.6-3.3V4.8z" {...filled} /><path d="M5.5 8h5M8 5.5v5" {...stroke} /></>,
  Internet: <><circle cx="8" cy="8" r="6.2" {...stroke} /><path d="M1.8 8h12.4M8 1.8c-2.2 2.5-2.2 9.9 0 12.4M8 1.8c2.2 2.5 2.2 9.9 0 12.4" {...stroke} /></>,
  Laptop: <><rect x="3" y="3" width="10" height="7" rx="1" {...stroke} /><path d="M1.5 12.5h13" {...stroke} /></>,
  OutsideService: <><ellipse cx="8" cy="3.8" rx="5" ry="1.8" {...stroke} /><path d="M3 3.8v8.4c0 1 2.2 1.8 5 1.8s5-.8 5-1.8V3.8M3 8c0 1 2.2 1.8 5 1.8s5-.8 5-1.8" {...stroke} /></>,
  Namespace: <><path d="M2 3.5h4l1.5 1.5H14v7.5H2z" {...stroke} /></>,
  NetworkPolicy: <><path d="M8 1.5 13.5 3.5v4c0 3.2-2.3 5.8-5.5 7-3.2-1.2-5.5-3.8-5.5-7v-4z" {...filled} /><path d="m5.6 8 1.7 1.7L10.6 6.4" {...stroke} /></>,
  Container: <><rect x="2" y="4" width="12" height="9" rx="1.5" {...stroke} /><path d="M5 4v9M8 4v9M11 4v9" {...stroke} strokeOpacity="0.5" /></>,
  Cluster: <><path d="M8 1.5 13.8 4.3 15 10.5 11 15H5L1 10.5l1.2-6.2z" {...stroke} /><circle cx="8" cy="8.5" r="2" {...stroke} /></>,
};

export function KindIcon({
  kind,
  className = 'h-4 w-4',
}: {
  readonly kind: Kind;
  readonly className?: string;
}) {
  return (
    <svg
      viewBox="0 0 16 16"
      aria-hidden="true"
      focusable="false"
      className={`shrink-0 ${className}`}
    >
      {GLYPHS[kind]}
    </svg>
  );
}

/** Up to ten namespace colours, each paired with a distinct dot shape for colour-blind users. */
export const NAMESPACE_TONES = [
  { chip: 'border-sky-300 bg-sky-50 text-sky-900', dot: 'bg-sky-500', shape: 'rounded-full' },
  {
    chip: 'border-fuchsia-300 bg-fuchsia-50 text-fuchsia-900',
    dot: 'bg-fuchsia-500',
    shape: 'rounded-none',
  },
  {
    chip: 'border-amber-300 bg-amber-50 text-amber-900',
    dot: 'bg-amber-500',
    shape: 'rotate-45 rounded-none',
  },
  { chip: 'border-teal-300 bg-teal-50 text-teal-900', dot: 'bg-teal-500', shape: 'rounded-sm' },
  {
    chip: 'border-rose-300 bg-rose-50 text-rose-900',
    dot: 'bg-rose-500',
    shape: 'rounded-full ring-2 ring-rose-200',
  },
  {
    chip: 'border-lime-300 bg-lime-50 text-lime-900',
    dot: 'bg-lime-600',
    shape: 'rounded-none rotate-12',
  },
  {
    chip: 'border-indigo-300 bg-indigo-50 text-indigo-900',
    dot: 'bg-indigo-500',
    shape: 'rounded-full',
  },
  {
    chip: 'border-orange-300 bg-orange-50 text-orange-900',
    dot: 'bg-orange-500',
    shape: 'rounded-none',
  },
] as const;

/** A stable tone per namespace name (system namespaces share the neutral one). */
export function namespaceTone(name: string) {
  if (name === 'kube-system' || name === 'ingress-nginx' || name === 'ingress-controller') {
    return {
      chip: 'border-slate-300 bg-slate-100 text-slate-700',
      dot: 'bg-slate-500',
      shape: 'rounded-full',
    };
  }
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) >>> 0;
  return NAMESPACE_TONES[h % NAMESPACE_TONES.length];
}

/** A namespace as a tag: shape + colour + the name itself (never colour alone). */
export function NamespaceTag({
  name,
  className = '',
}: {
  readonly name: string;
  readonly className?: string;
}) {
  const tone = namespaceTone(name);
  return (
    <span
      className={`inline-flex h-[18px] max-w-[50%] min-w-0 shrink items-center gap-1 rounded-md border px-1.5 font-mono text-[11px] leading-none ${tone.chip} ${className}`}
      title={`Namespace ${name}`}
    >
      <span
        aria-hidden="true"
        className={`inline-block h-2 w-2 shrink-0 ${tone.dot} ${tone.shape}`}
      />
      <span className="sr-only">namespace </span>
      <span className="min-w-0 truncate">{name}</span>
    </span>
  );
}
