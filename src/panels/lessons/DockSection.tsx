/**
 * The frame of what sits in the lesson dock beside the cluster (the player and the editor): a
 * labelled section with a title row whose commands sit on the right.
 */
import type { ReactNode } from 'react';

export function DockSection({
  label,
  title,
  commands,
  children,
}: {
  /** The section's accessible name. */
  readonly label: string;
  readonly title: ReactNode;
  readonly commands: ReactNode;
  readonly children: ReactNode;
}) {
  return (
    <section
      aria-label={label}
      className="flex min-h-0 flex-col bg-white text-[14px] leading-relaxed text-slate-800"
    >
      <div className="flex items-center gap-2 border-b border-slate-200 px-4 py-2.5">
        <div className="min-w-0 flex-1">{title}</div>
        {commands}
      </div>
      {children}
    </section>
  );
}
