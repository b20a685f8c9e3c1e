/**
 * Collects what the import skipped or rejected. A cluster dump repeats the same finding on many
 * objects (every Pod has a securityContext, every namespace a ConfigMap), so identical findings
 * merge into one warning that lists where they occur.
 */
import type { ImportError, ImportWarning, ObjectId } from './types.ts';

/** Where an object came from: its identity and the line it starts on. */
export interface Origin {
  readonly id: ObjectId;
  readonly line?: number;
}

const WHERE_SHOWN = 3;
/**
 * Distinct findings listed one by one; past this many (a file with 200,000 unknown fields) the
 * rest are counted in one closing line, so the report stays readable and cheap to show.
 */
export const FINDINGS_LISTED = 200;

export function describeObject(id: ObjectId): string {
  return id.namespace ? `${id.kind} ${id.namespace}/${id.name}` : `${id.kind} ${id.name}`;
}

function describeOrigin(origin: Origin): string {
  return origin.line
    ? `${describeObject(origin.id)} (line ${origin.line})`
    : describeObject(origin.id);
}

interface Group {
  severity: ImportWarning['severity'];
  /** The finding is about the objects themselves: the message starts with them. */
  aboutObjects: boolean;
  what: string;
  why: string;
  places: string[];
  line?: number;
}

export class IssueLog {
  private readonly groups = new Map<string, Group>();
  /** Findings past FINDINGS_LISTED distinct ones, counted only. */
  private unlisted = 0;
  readonly errors: ImportError[] = [];

  /** Records a finding about an object (or, without origin, about the input as a whole). */
  warn(
    what: string,
    why: string,
    origin?: Origin,
    severity: ImportWarning['severity'] = 'warning',
  ): void {
    const key = `${severity}\u0000${what}\u0000${why}`;
    let group = this.groups.get(key);
    if (!group && this.groups.size >= FINDINGS_LISTED) {
      this.unlisted++;
      return;
    }
    if (!group) {
      group = { severity, what, why, places: [], line: origin?.line, aboutObjects: false };
      this.groups.set(key, group);
    }
    group.places.push(origin ? describeOrigin(origin) : 'the input');
  }

  note(what: string, why: string, origin?: Origin): void {
    this.warn(what, why, origin, 'note');
  }

  /** Records that a whole object was skipped or treated specially; `what` is its kind. */
  skip(why: string, origin: Origin, severity: ImportWarning['severity'] = 'warning'): void {
    const what = `kind ${origin.id.kind}`;
    this.warn(what, why, origin, severity);
    const group = this.groups.get(`${severity}\u0000${what}\u0000${why}`);
    if (group) group.aboutObjects = true;
  }

  error(message: string, origin?: Origin, column?: number): void {
    this.errors.push({
      message: origin ? `${describeOrigin(origin)}: ${message}` : message,
      ...(origin?.line !== undefined ? { line: origin.line } : {}),
      ...(column !== undefined ? { column } : {}),
      ...(origin ? { object: origin.id } : {}),
    });
  }

  warnings(): ImportWarning[] {
    const listed = [...this.groups.values()].map((g): ImportWarning => {
      const shown = g.places.slice(0, WHERE_SHOWN).join(', ');
      const more = g.places.length - WHERE_SHOWN;
      const where = more > 0 ? `${shown} and ${more} more` : shown;
      return {
        severity: g.severity,
        what: g.what,
        where,
        why: g.why,
        ...(g.line !== undefined ? { line: g.line } : {}),
        count: g.places.length,
        message:
          where === 'the input' || g.aboutObjects
            ? `${g.aboutObjects ? where : g.what}: ${g.why}`
            : `${g.what} in ${where}: ${g.why}`,
      };
    });
    if (this.unlisted === 0) return listed;
    const why = `${this.unlisted.toLocaleString('en-US')} more findings are not listed; the first ${FINDINGS_LISTED} kinds are above.`;
    return [
      ...listed,
      {
        severity: 'warning',
        what: 'More findings',
        where: 'the input',
        why,
        count: this.unlisted,
        message: `More findings: ${why}`,
      },
    ];
  }
}
