/**
 * The data types the views draw from, re-exported so canvas and panels depend on the store
 * alone, never on the worker protocol or the scenario modules directly.
 */
export type {
  EndpointSummary,
  ExternalClientSummary,
  ModelSummary,
  NodeSummary,
  PodSummary,
  ServiceSummary,
} from '../worker/protocol.ts';
export type {
  GatewaySummary,
  HTTPRouteSummary,
  ListenerSummary,
  RouteBackendSummary,
  RouteParentSummary,
} from '../engine/gateway/gatewaySummary.ts';
export type { Position, ScenarioDocument } from '../scenario/scenarioDocument.ts';
export type { TraceOutcome, TracePhase, TraceStep } from './traceSteps.ts';
