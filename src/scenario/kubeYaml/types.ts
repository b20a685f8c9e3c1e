/** What the Kubernetes YAML adapter takes and gives back. */
import type { ClusterSettings, ClusterSpec } from '../../engine/spec.ts';

export interface ImportOptions {
  /** Largest input accepted, in UTF-8 bytes (5 MB by default). */
  readonly maxBytes?: number;
  /** Largest number of alias expansions the YAML may make (100 by default). */
  readonly maxAliasCount?: number;
  /** Most pods the import may produce, counting workload expansion (10,000 by default). */
  readonly maxPods?: number;
  /** Settings that win over the file's and over what the import infers from addresses. */
  readonly settings?: Partial<ClusterSettings>;
  /** Hears each step as it starts, in plain words ("reading 2,021 objects"). */
  readonly onProgress?: (doing: string) => void;
}

export const DEFAULT_IMPORT_LIMITS = {
  maxBytes: 5 * 1024 * 1024,
  maxAliasCount: 100,
  maxPods: 10_000,
  maxNodes: 200,
} as const;

/** A Kubernetes object as the import names it. */
export interface ObjectId {
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
}

/**
 * Something skipped or changed on the way in. Identical findings on many objects are merged into
 * one warning whose `where` lists them (the first few) and `count` says how many.
 */
export interface ImportWarning {
  /** `note` for what is expected in a dump (Events, EndpointSlices); `warning` otherwise. */
  readonly severity: 'warning' | 'note';
  /** What was skipped or changed: `kind ConfigMap`, `Service field spec.externalIPs`. */
  readonly what: string;
  /** The objects it concerns (`Service shop/web (line 12)`), or the YAML document they came from */
  readonly where: string;
  /** Why, in plain words. */
  readonly why: string;
  /** 1-based line of the first occurrence, when known. */
  readonly line?: number;
  readonly count: number;
  /** The three parts as one sentence. */
  readonly message: string;
}

/** Input the import cannot use: malformed YAML, limits, objects the API server would reject. */
export interface ImportError {
  readonly message: string;
  /** 1-based line and column, when known. */
  readonly line?: number;
  readonly column?: number;
  readonly object?: ObjectId;
}

/** An IngressClass found in the input, and whether PodPath's ingress controller serves it. */
export interface IngressClassInfo {
  readonly name: string;
  readonly controller: string;
  readonly isDefault: boolean;
  readonly served: boolean;
}

export interface ImportResult {
  readonly spec: ClusterSpec;
  readonly warnings: readonly ImportWarning[];
  readonly errors: readonly ImportError[];
  /** The input objects the spec was made from, in input order. */
  readonly imported: readonly ObjectId[];
  /** Objects the import made up: workload pods, and nodes that pods named or that were missing. */
  readonly created: readonly (ObjectId & { readonly from: string })[];
  readonly ingressClasses: readonly IngressClassInfo[];
}
