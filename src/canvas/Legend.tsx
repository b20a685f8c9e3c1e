import { KIND_LABEL, KIND_TONE, KindIcon, type Kind } from '../ui/kinds.tsx';
import { PACKET_COLOURS } from './kindStyles.ts';

const KINDS: readonly Kind[] = [
  'Node',
  'Pod',
  'Service',
  'LoadBalancer',
  'Ingress',
  'NetworkPolicy',
];

/** What the shapes, lines and dots on the canvas mean. */
export function Legend() {
  return (
    <details className="group rounded-lg border border-slate-200 bg-white/95 text-[12px] text-slate-600 shadow-sm">
      <summary className="cursor-pointer list-none px-3 py-1.5 font-semibold text-slate-700 select-none group-open:pb-0.5">
        <span
          aria-hidden="true"
          className="mr-1 inline-block transition-transform group-open:rotate-90"
        >
          ▸
        </span>
        Legend
      </summary>
      <div
        role="note"
        aria-label="Legend"
        className="flex max-w-[420px] flex-col gap-1 px-3 pt-1 pb-2"
      >
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          {KINDS.map((kind) => (
            <span key={kind} className="flex items-center gap-1">
              <KindIcon kind={kind} className={`h-3.5 w-3.5 ${KIND_TONE[kind].icon}`} />
              {KIND_LABEL[kind]}
            </span>
          ))}
        </div>
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <Line className="pp-link-selects" text="selects (ready)" />
          <Line className="pp-link-selects pp-link-not-ready" text="not ready" />
          <Line className="pp-link-routes" text="routes to" />
          {PACKET_KEYS.map(([colour, text]) => (
            <span key={text} className="flex items-center gap-1">
              <Dot colour={colour} /> {text}
            </span>
          ))}
        </div>
      </div>
    </details>
  );
}

/** The packet's colours, as the key names them. */
const PACKET_KEYS = [
  [PACKET_COLOURS.request, 'request'],
  [PACKET_COLOURS.reply, 'reply'],
  [PACKET_COLOURS.lookup, 'DNS'],
] as const;

function Line({ className, text }: { readonly className: string; readonly text: string }) {
  return (
    <span className="flex items-center gap-1">
      <svg width="22" height="6" aria-hidden="true" className="overflow-visible">
        <path d="M0 3H22" className={`pp-link ${className}`} />
      </svg>
      {text}
    </span>
  );
}

function Dot({ colour }: { readonly colour: string }) {
  return (
    <span
      aria-hidden="true"
      className="inline-block h-2.5 w-2.5 rounded-full"
      style={{ backgroundColor: colour }}
    />
  );
}
