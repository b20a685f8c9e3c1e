interface ChipProps {
  readonly text: string;
  readonly tone: 'pod' | 'service' | 'muted';
}

const TONES: Record<ChipProps['tone'], string> = {
  pod: 'border-emerald-200 bg-emerald-50 text-emerald-800',
  service: 'border-violet-200 bg-white text-violet-800',
  muted: 'border-slate-200 bg-slate-50 text-slate-600',
};

/** A key=value label, sized to match the layout's chip estimate (11px mono, 7px side padding). */
export function Chip({ text, tone }: ChipProps) {
  return (
    <span
      className={`inline-block h-[18px] max-w-full truncate rounded-md border px-[6px] font-mono text-[11px] leading-[16px] ${TONES[tone]}`}
    >
      {text}
    </span>
  );
}
