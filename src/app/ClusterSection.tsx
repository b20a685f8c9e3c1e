/**
 * What every layout (desktop, phone, embed, presenter) is built around: the cluster's canvas in
 * its labelled region, the playback bar under it, and the notices over them, each part behind
 * its own error boundary.
 */
import type { ComponentType, ReactNode } from 'react';
import { ClusterCanvas } from '../canvas/ClusterCanvas.tsx';
import { PlaybackControls } from '../panels/PlaybackControls.tsx';
import { MAIN_CONTENT_ID } from '../ui/focusTargets.ts';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { ScenarioNotice } from './ScenarioNotice.tsx';
import { StatusBanner } from './StatusBanner.tsx';

const SKIP_TARGET_FOCUS =
  'focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-sky-500';

export function ClusterSection({
  className,
  skipTarget = false,
  Around,
}: {
  /** The region's size in its layout. */
  readonly className: string;
  /** The "skip to the cluster" link lands here (the editing layouts). */
  readonly skipTarget?: boolean;
  /** What the canvas sits in: a drop zone for the palette, a guard against dragging. */
  readonly Around?: ComponentType<{ readonly children: ReactNode }>;
}) {
  const canvas = (
    <ErrorBoundary area="The canvas">
      <ClusterCanvas />
    </ErrorBoundary>
  );
  return (
    <section
      aria-label="Cluster"
      {...(skipTarget ? { id: MAIN_CONTENT_ID, tabIndex: -1 } : {})}
      className={`relative ${className} ${skipTarget ? SKIP_TARGET_FOCUS : ''}`}
    >
      {Around ? <Around>{canvas}</Around> : canvas}
    </section>
  );
}

export function PlaybackBar() {
  return (
    <ErrorBoundary area="The playback controls">
      <PlaybackControls />
    </ErrorBoundary>
  );
}

/** The engine's status and the note about the scenario just opened, under the header. */
export function Notices() {
  return (
    <>
      <StatusBanner />
      <ScenarioNotice />
    </>
  );
}
