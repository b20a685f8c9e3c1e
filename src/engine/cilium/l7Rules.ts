/**
 * Cilium's layer-7 rules (docs.cilium.io "Layer 7 Policies"; pkg/policy/api http.go, fqdn.go):
 * an HTTP rule allows a request when every field it sets matches (method, path and host are
 * regular expressions over the whole value, headers must be present or equal); a request is
 * allowed when at least one rule allows it. DNS names match exactly or by a pattern whose `*`
 * stands for any run of DNS characters without a dot, while `*` alone matches every name.
 */
import { headerValue, requestTarget, type HttpRequest } from '../gateway/httpRequest.ts';
import { compileLinearPattern } from '../linearRegex.ts';
import type { CiliumDnsRule, CiliumHttpRule } from './ciliumSpec.ts';

/** Whether a regular expression matches the whole text (RE2 syntax, linear time). */
function wholeMatch(pattern: string, text: string): boolean {
  return compileLinearPattern(`^(?:${pattern})$`)?.test(text) ?? false;
}

/** Why an HTTP rule does not allow the request, or undefined when it does. */
export function httpRuleFailure(rule: CiliumHttpRule, req: HttpRequest): string | undefined {
  if (rule.method !== undefined && !wholeMatch(rule.method, req.method))
    return `method ${req.method} does not match "${rule.method}"`;
  if (rule.path !== undefined && !wholeMatch(rule.path, req.path))
    return `path ${req.path} does not match "${rule.path}"`;
  if (rule.host !== undefined && !wholeMatch(rule.host, req.host))
    return `host ${req.host} does not match "${rule.host}"`;
  for (const h of rule.headers ?? []) {
    const colon = h.indexOf(':');
    const name = (colon < 0 ? h : h.slice(0, colon)).trim();
    const want = colon < 0 ? undefined : h.slice(colon + 1).trim();
    const got = headerValue(req, name);
    if (got === undefined) return `header ${name} is missing`;
    if (want !== undefined && got !== want) return `header ${name} is "${got}", not "${want}"`;
  }
  return undefined;
}

/** Plain words for an HTTP rule: `GET /public.*`. */
export function describeHttpRule(rule: CiliumHttpRule): string {
  const parts = [rule.method ?? 'any method', rule.path ?? 'any path'];
  if (rule.host) parts.push(`host ${rule.host}`);
  for (const h of rule.headers ?? []) parts.push(`header ${h}`);
  return parts.join(' ');
}

export interface HttpRuling {
  readonly allowed: boolean;
  /** The rule that allowed it. */
  readonly rule?: CiliumHttpRule;
  readonly why: string;
}

/** Checks a request against the HTTP rules that apply to its connection. */
export function evaluateHttpRules(rules: readonly CiliumHttpRule[], req: HttpRequest): HttpRuling {
  const failures: string[] = [];
  for (const rule of rules) {
    const failure = httpRuleFailure(rule, req);
    if (!failure)
      return {
        allowed: true,
        rule,
        why: `${req.method} ${requestTarget(req)} matches the HTTP rule "${describeHttpRule(rule)}"`,
      };
    failures.push(`"${describeHttpRule(rule)}": ${failure}`);
  }
  return {
    allowed: false,
    why: `${req.method} ${requestTarget(req)} matches none of the HTTP rules (${failures.join('; ')})`,
  };
}

const normalizeName = (n: string) => n.trim().toLowerCase().replace(/\.$/, '');
const DNS_CHAR = /^[-a-z0-9_]$/;

/** Glob match where `*` is a run of DNS characters (no dot); linear in name times pattern. */
function globMatch(pattern: string, name: string): boolean {
  let ok: boolean[] = [true, ...Array<boolean>(name.length).fill(false)];
  for (const pc of pattern) {
    const next = Array<boolean>(name.length + 1).fill(false);
    for (let i = 0; i <= name.length; i++) {
      if (pc === '*') {
        if (ok[i] || (i > 0 && next[i - 1] && DNS_CHAR.test(name[i - 1]))) next[i] = true;
      } else if (i > 0 && ok[i - 1] && name[i - 1] === pc) next[i] = true;
    }
    ok = next;
  }
  return ok[name.length];
}

/** Whether a DNS rule (toFQDNs or a DNS proxy rule) covers a name. */
export function dnsRuleMatches(rule: CiliumDnsRule, name: string): boolean {
  const n = normalizeName(name);
  if (rule.matchName !== undefined) return normalizeName(rule.matchName) === n;
  if (rule.matchPattern === undefined) return false;
  const p = normalizeName(rule.matchPattern);
  return p === '*' || globMatch(p, n);
}
