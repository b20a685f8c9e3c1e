/**
 * The lesson format: a lesson is data, not code. Metadata, a starting scenario, and steps; a
 * step has short text (lessonText's safe Markdown subset) and may run a flow, ask a prediction
 * before the packet plays, or set a challenge checked by declarative checks over the engine.
 */
import type { RecordType } from '../engine/dns.ts';
import type { Protocol } from '../engine/net.ts';
import type { Probe } from '../engine/trace.ts';
import type { DropReason } from '../engine/vocabulary.ts';
import type { ScenarioDocument } from '../scenario/scenarioDocument.ts';

export const LESSON_LEVELS = ['beginner', 'intermediate', 'advanced'] as const;
export type LessonLevel = (typeof LESSON_LEVELS)[number];

/**
 * What a computed prediction asks the engine; the right choice is the one whose value equals
 * the engine's answer (predictionFacts.ts says what each answer looks like).
 */
export const PREDICTION_FACTS = [
  'verdict',
  'seen-source',
  'rewrite-node',
  'delivered-to',
  'dropped-at',
  'reach',
  'dns-answer',
] as const;
export type PredictionFact = (typeof PREDICTION_FACTS)[number];

export interface PredictionChoice {
  readonly value: string;
  readonly label: string;
}

interface PredictionBase {
  readonly question: string;
  readonly choices: readonly PredictionChoice[];
  /** Said after the run, whatever the learner chose. */
  readonly explanation?: string;
}

/** A prediction whose right answer the engine computes from the flow it plays. */
export interface ComputedPrediction extends PredictionBase {
  readonly fact: Exclude<PredictionFact, 'reach' | 'dns-answer'>;
  readonly probe: Probe;
}

/** Which pods can reach which, from the reachability matrix. */
export interface ReachPrediction extends PredictionBase {
  readonly fact: 'reach';
  readonly from: string;
  readonly to: string;
  readonly port: number;
  readonly protocol?: Protocol;
  /** The flow played after the answer, to show the verdict hop by hop. */
  readonly probe?: Probe;
}

/** What a DNS lookup answers: pod addresses, a ClusterIP, a CNAME, or nothing. */
export interface DnsPrediction extends PredictionBase {
  readonly fact: 'dns-answer';
  readonly from: string;
  readonly name: string;
  readonly probe?: Probe;
}

/** A prediction the engine cannot answer (creation order, history): the author fixes it. */
export interface FixedPrediction extends PredictionBase {
  readonly fact: 'fixed';
  readonly answer: string;
  readonly probe?: Probe;
}

export type Prediction = ComputedPrediction | ReachPrediction | DnsPrediction | FixedPrediction;

/** What a flow must come to. Every field given must hold. */
export interface FlowExpectation {
  readonly verdict: 'Delivered' | 'Dropped';
  readonly reason?: DropReason;
  /** The pod (`ns/name`) it must be delivered to. */
  readonly deliveredTo?: string;
  /** Who the destination sees as the source: a pod `ns/name`, a node, an outside client. */
  readonly seenSource?: string;
}

export type Check =
  | {
      readonly kind: 'flow';
      readonly text: string;
      readonly probe: Probe;
      readonly expect: FlowExpectation;
    }
  | {
      readonly kind: 'reach';
      readonly text: string;
      readonly from: string;
      readonly to: string;
      readonly port: number;
      readonly protocol?: Protocol;
      readonly allowed: boolean;
    }
  | {
      readonly kind: 'dns';
      readonly text: string;
      readonly from: string;
      readonly name: string;
      readonly type?: RecordType;
      /** The rcode to get, and (optionally) what kind of addresses the answer holds. */
      readonly rcode: 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL' | 'FORWARDED';
      readonly answers?: DnsAnswerKind;
    }
  | {
      readonly kind: 'env';
      readonly text: string;
      readonly pod: string;
      readonly name: string;
      /** false: the variable must be absent. */
      readonly present: boolean;
    }
  | {
      readonly kind: 'object';
      readonly text: string;
      readonly object: LessonObjectKind;
      readonly namespace?: string;
      /** Any object of that kind (in the namespace) when omitted. */
      readonly name?: string;
      /** A dotted path into the object as the scenario stores it (`type`, `cni.plugin`). */
      readonly path?: string;
      /** The value at path; without it the object (and the path) only has to exist. */
      readonly equals?: string | number | boolean;
    };

export const LESSON_OBJECT_KINDS = [
  'Settings',
  'Namespace',
  'Node',
  'Service',
  'Pod',
  'NetworkPolicy',
  'Ingress',
] as const;
export type LessonObjectKind = (typeof LESSON_OBJECT_KINDS)[number];

export const DNS_ANSWER_KINDS = ['pod-ips', 'cluster-ip', 'cname', 'none'] as const;
export type DnsAnswerKind = (typeof DNS_ANSWER_KINDS)[number];

export type StepAction =
  | { readonly kind: 'send'; readonly probe: Probe }
  | { readonly kind: 'open-policies' }
  | { readonly kind: 'open-hop'; readonly probe: Probe; readonly hop: number };

export interface Challenge {
  readonly goal: string;
  readonly checks: readonly Check[];
}

export interface LessonStep {
  readonly title: string;
  readonly text: string;
  readonly action?: StepAction;
  readonly prediction?: Prediction;
  readonly challenge?: Challenge;
}

export interface Lesson {
  readonly id: string;
  readonly title: string;
  readonly topic: string;
  readonly level: LessonLevel;
  readonly minutes: number;
  readonly summary: string;
  readonly start: ScenarioDocument;
  /** A scenario that passes every challenge; built-in lessons always have one. */
  readonly solution?: ScenarioDocument;
  readonly steps: readonly LessonStep[];
  /** Upstream pages the lesson's claims rest on. */
  readonly sources?: readonly string[];
}
