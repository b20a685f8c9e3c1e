/**
 * Typed reading of one untrusted object. Each reader returns undefined for a missing field, and
 * for a field of the wrong type records a warning naming the field instead of throwing. Numbers
 * written as strings ("80") are read as numbers, with a warning, because that is plainly meant.
 */
import { isLabelKey, isLabelValue, isPortName } from '../document/kubeNames.ts';
import { isRecord } from './parseDocuments.ts';
import type { IssueLog, Origin } from './issues.ts';

/**
 * What the import does with each field of a part of an object: `read` it, `ignore` it silently
 * (it does not change networking, e.g. resources or volumes), or skip it with the given reason.
 */
export type FieldTable = Readonly<Record<string, 'read' | 'ignore' | { readonly skip: string }>>;

/** A field table from space-separated names: the fields read, and those quietly ignored. */
export function fieldTable(read: string, ignore = ''): FieldTable {
  const names = (list: string) => list.split(' ').filter(Boolean);
  return Object.fromEntries([
    ...names(read).map((name) => [name, 'read'] as const),
    ...names(ignore).map((name) => [name, 'ignore'] as const),
  ]);
}

// The name rules live with the document (one module for the schema, this reader and the inspector).
export { isDnsLabel, isDnsSubdomain } from '../document/kubeNames.ts';
export { isLabelKey, isLabelValue, isPortName };

export class Fields {
  /** Set when the object breaks a rule the API server enforces; the object is then skipped. */
  invalid = false;
  /** How many values were left out (unknown fields, values of the wrong type). */
  dropped = 0;

  constructor(
    readonly kind: string,
    readonly origin: Origin,
    readonly log: IssueLog,
  ) {}

  warn(path: string, why: string): void {
    this.log.warn(`${this.kind} field ${path}`, why, this.origin);
  }

  /** Warns about a value that is left out. */
  drop(path: string, why: string): void {
    this.dropped++;
    this.warn(path, why);
  }

  note(path: string, why: string): void {
    this.log.note(`${this.kind} field ${path}`, why, this.origin);
  }

  /** Records a problem the API server would reject the object for. */
  reject(path: string, why: string): void {
    this.invalid = true;
    this.log.error(`${path} ${why}`, this.origin);
  }

  /** Warns about fields the table does not read. */
  checkKeys(obj: Record<string, unknown>, path: string, table: FieldTable): void {
    for (const key of Object.keys(obj)) {
      // Own keys only: a field named `constructor` or `toString` is unknown, not Object's.
      const entry = Object.hasOwn(table, key) ? table[key] : undefined;
      const at = path ? `${path}.${key}` : key;
      if (entry === 'read' || entry === 'ignore') continue;
      if (entry === undefined) {
        this.drop(at, 'PodPath does not know this field; it is ignored.');
      } else if (obj[key] !== null && obj[key] !== undefined) {
        this.warn(at, entry.skip);
      }
    }
  }

  str(obj: Record<string, unknown>, key: string, path: string): string | undefined {
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') {
      this.warn(`${path}.${key}`, `is ${String(v)}, not a string; read as "${String(v)}".`);
      return String(v);
    }
    this.drop(`${path}.${key}`, 'should be a string; ignored.');
    return undefined;
  }

  bool(obj: Record<string, unknown>, key: string, path: string): boolean | undefined {
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'boolean') return v;
    if (v === 'true' || v === 'false') {
      this.warn(`${path}.${key}`, `is the string "${v}", not a boolean; read as ${v}.`);
      return v === 'true';
    }
    this.drop(`${path}.${key}`, 'should be true or false; ignored.');
    return undefined;
  }

  int(
    obj: Record<string, unknown>,
    key: string,
    path: string,
    range: { readonly min: number; readonly max: number } = { min: 0, max: 2 ** 31 - 1 },
  ): number | undefined {
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    let n: number | undefined;
    if (typeof v === 'number') n = v;
    else if (typeof v === 'string' && /^\s*\d+\s*$/.test(v)) {
      n = Number(v);
      this.warn(`${path}.${key}`, `is the string "${v}", not a number; read as ${n}.`);
    }
    if (n === undefined || !Number.isInteger(n)) {
      this.drop(`${path}.${key}`, `should be a whole number, not ${JSON.stringify(v)}; ignored.`);
      return undefined;
    }
    if (n < range.min || n > range.max) {
      this.drop(`${path}.${key}`, `${n} is outside ${range.min}-${range.max}; ignored.`);
      return undefined;
    }
    return n;
  }

  port(obj: Record<string, unknown>, key: string, path: string): number | undefined {
    return this.int(obj, key, path, { min: 1, max: 65535 });
  }

  /** A port number or a port name (IntOrString); numeric strings become numbers. */
  portOrName(obj: Record<string, unknown>, key: string, path: string): number | string | undefined {
    const v = obj[key];
    if (typeof v === 'string' && !/^\s*\d+\s*$/.test(v)) {
      if (!isPortName(v)) {
        this.drop(
          `${path}.${key}`,
          `"${v}" is not a valid port name (up to 15 lower-case letters, digits and "-", with a letter); ignored.`,
        );
        return undefined;
      }
      return v;
    }
    return this.port(obj, key, path);
  }

  /** The field when it is of the type `is` checks; otherwise it is dropped as not `what`. */
  private ofType<T>(
    obj: Record<string, unknown>,
    key: string,
    path: string,
    is: (v: unknown) => v is T,
    what: string,
  ): T | undefined {
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    if (is(v)) return v;
    this.drop(`${path}.${key}`, `should be ${what}; ignored.`);
    return undefined;
  }

  rec(obj: Record<string, unknown>, key: string, path: string) {
    return this.ofType(obj, key, path, isRecord, 'a mapping');
  }

  arr(obj: Record<string, unknown>, key: string, path: string) {
    return this.ofType(obj, key, path, (v): v is unknown[] => Array.isArray(v), 'a list');
  }

  /** A list of mappings; entries that are not mappings are warned about and left out. */
  records(
    obj: Record<string, unknown>,
    key: string,
    path: string,
  ): { value: Record<string, unknown>; path: string }[] {
    const list = this.arr(obj, key, path) ?? [];
    const out: { value: Record<string, unknown>; path: string }[] = [];
    list.forEach((item, i) => {
      const at = `${path}.${key}[${i}]`;
      if (isRecord(item)) out.push({ value: item, path: at });
      else this.drop(at, 'should be a mapping; ignored.');
    });
    return out;
  }

  strings(obj: Record<string, unknown>, key: string, path: string): string[] | undefined {
    const list = this.arr(obj, key, path);
    if (!list) return undefined;
    const out: string[] = [];
    list.forEach((item, i) => {
      if (typeof item === 'string') out.push(item);
      else if (typeof item === 'number') {
        this.warn(`${path}.${key}[${i}]`, `is ${item}, not a string; read as "${item}".`);
        out.push(String(item));
      } else this.drop(`${path}.${key}[${i}]`, 'should be a string; ignored.');
    });
    return out;
  }

  /** A string-to-string map; keys and values are checked as label keys and values. */
  labels(
    obj: Record<string, unknown>,
    key: string,
    path: string,
    checkSyntax = true,
  ): Record<string, string> | undefined {
    const m = this.rec(obj, key, path);
    if (!m) return undefined;
    const out: Record<string, string> = {};
    for (const [k, raw] of Object.entries(m)) {
      const at = `${path}.${key}["${k}"]`;
      let v: string;
      if (typeof raw === 'string') v = raw;
      else if (typeof raw === 'number' || typeof raw === 'boolean') {
        v = String(raw);
        this.warn(
          at,
          `is ${v}, not a string; read as "${v}" (quote it, or the API server rejects it).`,
        );
      } else if (raw === null) {
        v = '';
      } else {
        this.drop(at, 'should be a string; ignored.');
        continue;
      }
      if (checkSyntax && !isLabelKey(k)) {
        this.reject(at, 'is not a valid label key.');
        continue;
      }
      if (checkSyntax && !isLabelValue(v)) {
        this.reject(at, `has the value "${v}", which is not a valid label value.`);
        continue;
      }
      out[k] = v;
    }
    return out;
  }
}
