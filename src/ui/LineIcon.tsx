import type { ReactNode } from 'react';

/**
 * A line icon on a 16-unit grid, drawn in the text colour and hidden from assistive technology
 * (the button it sits in carries the name).
 */
export function LineIcon({
  roundJoins = false,
  children,
}: {
  /** Rounded corners where lines meet (the toolbar's glyphs). */
  readonly roundJoins?: boolean;
  readonly children: ReactNode;
}) {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 16 16"
      className="h-4 w-4"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.4"
      strokeLinecap="round"
      strokeLinejoin={roundJoins ? 'round' : undefined}
    >
      {children}
    </svg>
  );
}
