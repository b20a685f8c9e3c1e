import type { HistorySlice } from './historySlice.ts';
import type { LessonDraftSlice } from './lessonDraftSlice.ts';
import type { LessonSlice } from './lessonSlice.ts';
import type { PlaybackSlice } from './playbackSlice.ts';
import type { PolicySlice } from './policySlice.ts';
import type { RunsSlice } from './runsSlice.ts';
import type { ScenarioLibrarySlice } from './scenarioLibrarySlice.ts';
import type { ScenarioSlice } from './scenarioSlice.ts';
import type { SelectionSlice } from './selectionSlice.ts';
import type { UiSlice } from './uiSlice.ts';

export type AppState = ScenarioSlice &
  SelectionSlice &
  RunsSlice &
  UiSlice &
  ScenarioLibrarySlice &
  HistorySlice &
  PlaybackSlice &
  PolicySlice &
  LessonSlice &
  LessonDraftSlice;
