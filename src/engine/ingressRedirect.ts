/**
 * The controllers' redirect of plain HTTP to HTTPS for a host that has TLS:
 * - ingress-nginx: "By default the controller redirects (308) to HTTPS if TLS is enabled for that
 *   ingress"; `nginx.ingress.kubernetes.io/ssl-redirect: "false"` turns it off for an Ingress,
 *   `force-ssl-redirect: "true"` redirects even without TLS (ingress-nginx docs,
 *   user-guide/nginx-configuration/annotations.md, "Server-side HTTPS enforcement through
 *   redirect"; the ConfigMap key `ssl-redirect` defaults to true, configmap.md).
 * - HAProxy Ingress: the configuration key `ssl-redirect` (default true) redirects HTTP requests
 *   to HTTPS when the hostname has TLS, with `ssl-redirect-code`, a global key, 302 by default
 *   (haproxy-ingress.github.io/docs/configuration/keys, "ssl-redirect").
 * PodPath has no ingress controller ConfigMap: its keys are at their defaults.
 */
import { controllerAnnotation, hostMatches, type ParsedUrl } from './ingress.ts';
import type { IngressControllerType, IngressSpec } from './spec.ts';

export interface SslRedirect {
  readonly status: 302 | 308;
  readonly location: string;
  /** Why the controller answers with a redirect, naming the annotation or default. */
  readonly why: string;
}

const flag = (v: string | undefined) => v?.trim().toLowerCase();

/** Whether the Ingress lists the host under tls. */
export function ingressHasTlsFor(ing: IngressSpec, host: string): boolean {
  return (ing.tls ?? []).some((t) => t.hosts.some((h) => hostMatches(h, host)));
}

/** The redirect the controller answers a plain HTTP request with, if any. */
export function sslRedirectFor(
  ing: IngressSpec,
  controller: IngressControllerType,
  url: ParsedUrl,
): SslRedirect | undefined {
  if (url.scheme !== 'http') return undefined;
  const location = `https://${url.host}${url.path}`;
  const tls = ingressHasTlsFor(ing, url.host);
  if (controller === 'nginx') {
    if (flag(controllerAnnotation(ing, 'nginx', 'force-ssl-redirect')) === 'true')
      return {
        status: 308,
        location,
        why: `Ingress ${ing.name} has nginx.ingress.kubernetes.io/force-ssl-redirect: "true", so ingress-nginx redirects plain HTTP to HTTPS even ${tls ? 'here' : 'without a TLS entry for the host'}`,
      };
    if (!tls) return undefined;
    if (flag(controllerAnnotation(ing, 'nginx', 'ssl-redirect')) === 'false') return undefined;
    return {
      status: 308,
      location,
      why: `Ingress ${ing.name} lists ${url.host} under tls, and ingress-nginx's ssl-redirect is on by default (the Ingress does not set nginx.ingress.kubernetes.io/ssl-redirect: "false"), so plain HTTP gets 308 Permanent Redirect to HTTPS`,
    };
  }
  if (!tls) return undefined;
  if (flag(controllerAnnotation(ing, 'haproxy', 'ssl-redirect')) === 'false') return undefined;
  return {
    status: 302,
    location,
    why: `Ingress ${ing.name} lists ${url.host} under tls, and HAProxy Ingress's ssl-redirect is true by default (the Ingress does not set haproxy-ingress.github.io/ssl-redirect: "false"), so plain HTTP gets a redirect to HTTPS with ssl-redirect-code, 302 by default`,
  };
}

/** A redirect status in words. */
export function redirectStatusText(status: number): string {
  return status === 308 ? '308 Permanent Redirect' : status === 302 ? '302 Found' : String(status);
}
