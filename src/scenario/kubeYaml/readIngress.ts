/** Readers for Ingress (networking.k8s.io/v1 and the old beta APIs) and IngressClass. */
import type {
  IngressBackendSpec,
  IngressPathSpec,
  IngressRuleSpec,
  IngressSpec,
} from '../../engine/spec.ts';
import {
  ingressControllerAnnotations,
  SIMULATED_NGINX_ANNOTATIONS,
} from './extensionAnnotations.ts';
import { fieldTable, type Fields } from './fields.ts';
import { checkObjectKeys, optional, readMeta } from './readCommonFields.ts';

import { DEFAULT_CLASS_ANNOTATION } from '../../engine/ingressClass.ts';

function readIngressBackend(
  obj: Record<string, unknown>,
  path: string,
  f: Fields,
  legacy: boolean,
): IngressBackendSpec | undefined {
  if (legacy || obj.serviceName !== undefined) {
    f.checkKeys(obj, path, { serviceName: 'read', servicePort: 'read', resource: 'read' });
    const service = f.str(obj, 'serviceName', path);
    const port = f.portOrName(obj, 'servicePort', path);
    if (service && port !== undefined) return { service, port };
  } else {
    f.checkKeys(obj, path, { service: 'read', resource: 'read' });
    const svc = f.rec(obj, 'service', path);
    if (svc) {
      f.checkKeys(svc, `${path}.service`, { name: 'read', port: 'read' });
      const service = f.str(svc, 'name', `${path}.service`);
      const port = f.rec(svc, 'port', `${path}.service`) ?? {};
      f.checkKeys(port, `${path}.service.port`, { number: 'read', name: 'read' });
      const number = f.port(port, 'number', `${path}.service.port`);
      const name = f.str(port, 'name', `${path}.service.port`);
      if (service && (number !== undefined || name))
        return { service, port: number ?? (name as string) };
      f.warn(
        path,
        'a service backend needs service.name and service.port.number or .name; the path is ignored.',
      );
      return undefined;
    }
  }
  if (obj.resource !== undefined) {
    f.warn(
      `${path}.resource`,
      'resource backends (for example a storage bucket) are not simulated; the path is ignored.',
    );
    return undefined;
  }
  f.warn(path, 'the backend names no Service; the path is ignored.');
  return undefined;
}

export function readIngress(obj: Record<string, unknown>, f: Fields): IngressSpec | undefined {
  checkObjectKeys(obj, f, { spec: 'read', status: 'ignore' });
  const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
  const legacy = apiVersion !== 'networking.k8s.io/v1';
  if (legacy) {
    f.note(
      'apiVersion',
      `${apiVersion || '(none)'} is an old Ingress API (removed in Kubernetes 1.22); read as networking.k8s.io/v1.`,
    );
  }
  const meta = readMeta(obj, f, { namespaced: true });
  if (!meta) return undefined;
  const spec = f.rec(obj, 'spec', '') ?? {};
  f.checkKeys(spec, 'spec', fieldTable('ingressClassName rules tls defaultBackend backend'));
  const nginxAnnotations = Object.keys(meta.annotations ?? {}).filter(
    (k) => k.startsWith('nginx.ingress.kubernetes.io/') && !SIMULATED_NGINX_ANNOTATIONS.includes(k),
  );
  for (const a of nginxAnnotations) {
    f.warn(
      `metadata.annotations["${a}"]`,
      'ingress-nginx annotations (rewrites, redirects, limits) are not simulated.',
    );
  }
  // The deprecated kubernetes.io/ingress.class annotation stays an annotation: controllers
  // compare it with their own class name, not with IngressClass objects (engine/ingressClass.ts).
  const ingressClassName = f.str(spec, 'ingressClassName', 'spec');

  const rules: IngressRuleSpec[] = [];
  for (const r of f.records(spec, 'rules', 'spec')) {
    f.checkKeys(r.value, r.path, { host: 'read', http: 'read' });
    const host = f.str(r.value, 'host', r.path);
    const http = f.rec(r.value, 'http', r.path);
    const paths: IngressPathSpec[] = [];
    if (http) {
      f.checkKeys(http, `${r.path}.http`, { paths: 'read' });
      for (const p of f.records(http, 'paths', `${r.path}.http`)) {
        f.checkKeys(p.value, p.path, { path: 'read', pathType: 'read', backend: 'read' });
        const path = f.str(p.value, 'path', p.path);
        let pathType = f.str(p.value, 'pathType', p.path);
        if (pathType === undefined) {
          if (!legacy)
            f.warn(
              `${p.path}.pathType`,
              'is required in networking.k8s.io/v1; read as ImplementationSpecific.',
            );
          pathType = 'ImplementationSpecific';
        }
        if (
          pathType !== 'Exact' &&
          pathType !== 'Prefix' &&
          pathType !== 'ImplementationSpecific'
        ) {
          f.warn(
            `${p.path}.pathType`,
            `"${pathType}" is not Exact, Prefix or ImplementationSpecific; the path is ignored.`,
          );
          continue;
        }
        const backendObj = f.rec(p.value, 'backend', p.path);
        const backend = backendObj
          ? readIngressBackend(backendObj, `${p.path}.backend`, f, legacy)
          : undefined;
        if (!backend) continue;
        paths.push({ ...optional('path', path), pathType, backend });
      }
    }
    rules.push({ ...optional('host', host), paths });
  }

  const tls = f.records(spec, 'tls', 'spec').map((t) => {
    f.checkKeys(t.value, t.path, { hosts: 'read', secretName: 'read' });
    return {
      hosts: f.strings(t.value, 'hosts', t.path) ?? [],
      ...optional('secretName', f.str(t.value, 'secretName', t.path)),
    };
  });
  const backendKey = legacy && spec.defaultBackend === undefined ? 'backend' : 'defaultBackend';
  const defaultBackendObj = f.rec(spec, backendKey, 'spec');
  const defaultBackend = defaultBackendObj
    ? readIngressBackend(defaultBackendObj, `spec.${backendKey}`, f, legacy)
    : undefined;
  if (f.invalid) return undefined;
  return {
    name: meta.name,
    ...optional('namespace', meta.namespace),
    ...optional('ingressClassName', ingressClassName),
    ...optional('annotations', ingressControllerAnnotations(meta.annotations)),
    rules,
    ...(spec.tls !== undefined ? { tls } : {}),
    ...optional('defaultBackend', defaultBackend),
  };
}

export function readIngressClass(
  obj: Record<string, unknown>,
  f: Fields,
): { name: string; controller: string; isDefault: boolean } | undefined {
  f.checkKeys(obj, '', { apiVersion: 'read', kind: 'read', metadata: 'read', spec: 'read' });
  const meta = readMeta(obj, f, { namespaced: false });
  if (!meta) return undefined;
  const spec = f.rec(obj, 'spec', '') ?? {};
  f.checkKeys(spec, 'spec', { controller: 'read', parameters: 'ignore' });
  return {
    name: meta.name,
    controller: f.str(spec, 'controller', 'spec') ?? '',
    // The API server's DefaultIngressClass admission compares the value with "true" exactly.
    isDefault: meta.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true',
  };
}
