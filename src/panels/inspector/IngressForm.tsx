import type {
  IngressBackendSpec,
  IngressPathSpec,
  IngressRuleSpec,
  IngressSpec,
} from '../../engine/spec.ts';
import { useAppStore } from '../../store/appStore.ts';
import {
  checkAnnotationValue,
  checkIngressHost,
  checkIngressPath,
  parseTargetPort,
} from '../../store/documentChecks.ts';
import { updateIngress } from '../../scenario/document/edits/updateElements.ts';
import { omit } from '../../scenario/document/edits/editKit.ts';
import { ingressKey } from '../../scenario/document/elementKey.ts';
import { selectCluster } from '../../store/selectors.ts';
import { FormHeader, Notes, useEdit, useIssues, type FormProps } from './common.tsx';
import { choicesOf, SelectField, TextField } from './fields.tsx';
import { ItemCards, ListSection, RemoveButton, Section, SmallButton } from './formLayout.tsx';
import { asText, optionalText, withCheck, type Parsed } from './fieldParsers.ts';
import { GatewayConversionNote } from './GatewayConversionNote.tsx';
import { LabelsSection } from './LabelsEditor.tsx';
import { NameAndNamespaceFields } from './NameFields.tsx';

const PATH_TYPES = choicesOf(['Prefix', 'Exact', 'ImplementationSpecific'] as const);

const parseBackendPort = (text: string): Parsed<number | string> => parseTargetPort(text);

export function IngressForm(form: FormProps) {
  const { elementKey, formId } = form;
  const cluster = useAppStore(selectCluster);
  const edit = useEdit(formId);
  const { diagnostics } = useIssues(elementKey);
  const ingress = (cluster.ingresses ?? []).find((i) => ingressKey(i) === elementKey);
  if (!ingress) {
    return <p className="px-5 py-4 text-[13px] text-slate-500">This Ingress no longer exists.</p>;
  }
  const namespace = ingress.namespace ?? 'default';
  const services = cluster.services.filter(
    (s) => (s.namespace ?? 'default') === namespace && s.type !== 'ExternalName',
  );
  const update = (field: string, recipe: (i: IngressSpec) => IngressSpec) =>
    edit(field, (doc) => updateIngress(doc, elementKey, recipe));
  const setRule =
    (ri: number, recipe: (r: IngressRuleSpec) => IngressRuleSpec) => (i: IngressSpec) => ({
      ...i,
      rules: i.rules.map((r, j) => (j === ri ? recipe(r) : r)),
    });
  const setPath = (ri: number, pi: number, recipe: (p: IngressPathSpec) => IngressPathSpec) =>
    setRule(ri, (r) => ({ ...r, paths: r.paths.map((p, j) => (j === pi ? recipe(p) : p)) }));
  const serviceOptions = (current: string) => {
    const names = services.map((s) => s.name);
    const list = names.includes(current) || !current ? names : [current, ...names];
    return list.map((n) => ({
      value: n,
      label: names.includes(n) ? n : `${n} (missing)`,
    }));
  };
  const backendWarning = (b: IngressBackendSpec) => {
    const svc = services.find((s) => s.name === b.service);
    if (!svc) return `There is no Service ${b.service} in ${namespace}: requests here get 503.`;
    const has = svc.ports.some((p) =>
      typeof b.port === 'number' ? p.port === b.port : p.name === b.port,
    );
    return has ? null : `Service ${b.service} has no port ${b.port}.`;
  };
  const newBackend = (): IngressBackendSpec | null =>
    services[0] ? { service: services[0].name, port: services[0].ports[0]?.port ?? 80 } : null;

  const backendFields = (
    prefix: string,
    backend: IngressBackendSpec,
    onChange: (b: IngressBackendSpec) => void,
  ) => {
    const warning = backendWarning(backend);
    return (
      <>
        <SelectField
          label="Service"
          name={`${prefix} service`}
          value={backend.service}
          options={serviceOptions(backend.service)}
          onChange={(service) => {
            const svc = services.find((s) => s.name === service);
            onChange({ service, port: svc?.ports[0]?.port ?? backend.port });
          }}
        />
        <TextField
          label="Port"
          name={`${prefix} port`}
          value={backend.port}
          mono
          parse={parseBackendPort}
          issue={warning ? { tone: 'warning', text: warning } : null}
          onCommit={(port) => onChange({ ...backend, port })}
        />
      </>
    );
  };

  return (
    <div>
      <FormHeader
        kind="Ingress"
        name={ingress.name}
        elementKey={elementKey}
        subtitle={`class ${ingress.ingressClassName ?? 'default'}`}
      />
      <Notes diagnostics={diagnostics} fields={[]} />
      {!(cluster.settings.ingressController ?? true) && (
        <p className="mx-5 mb-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-[12.5px] text-amber-900">
          The ingress controller add-on is off, so nothing serves this Ingress. Turn it on in the
          cluster settings (select nothing).
        </p>
      )}
      <GatewayConversionNote elementKey={elementKey} />
      <Section title="Ingress">
        <div className="grid grid-cols-2 gap-3">
          <NameAndNamespaceFields form={form} kind="Ingress" of={ingress} />
          <TextField
            label="Ingress class"
            value={ingress.ingressClassName}
            placeholder="default class"
            mono
            parse={optionalText}
            onCommit={(cls) =>
              update('class', (i) => {
                const rest = omit(i, 'ingressClassName');
                return cls ? { ...rest, ingressClassName: cls } : rest;
              })
            }
          />
        </div>
      </Section>

      <LabelsSection
        title="Annotations"
        noun="Annotation"
        labels={ingress.annotations ?? {}}
        checkValue={checkAnnotationValue}
        emptyText="The controllers read some: nginx.ingress.kubernetes.io/service-upstream, use-regex and rewrite-target; haproxy-ingress.github.io/service-upstream and path-type. Regex paths use RE2 syntax (no backreferences or lookaround)."
        onCommit={(annotations) =>
          update('annotations', (i) => {
            const rest = omit(i, 'annotations');
            return Object.keys(annotations).length > 0 ? { ...rest, annotations } : rest;
          })
        }
      />

      <ListSection
        title="Rules"
        addText="+ Add rule"
        addDisabled={!newBackend()}
        onAdd={() => {
          const backend = newBackend();
          if (!backend) return;
          const rule: IngressRuleSpec = { paths: [{ path: '/', pathType: 'Prefix', backend }] };
          update('rules', (i) => ({ ...i, rules: [...i.rules, rule] }));
        }}
      >
        {services.length === 0 && (
          <p className="text-[12px] text-amber-800">
            Add a Service in {namespace} first: rules send requests to Services.
          </p>
        )}
        <ItemCards
          items={ingress.rules}
          noun="Rule"
          columns="grid-cols-[1fr_auto]"
          onRemove={(ri) =>
            update('rules', (i) => ({ ...i, rules: i.rules.filter((_, j) => j !== ri) }))
          }
          head={(rule, ri, r) => (
            <TextField
              label="Host"
              name={`Rule ${r} host`}
              value={rule.host}
              placeholder="any host"
              mono
              parse={withCheck(optionalText, (h) => (h ? checkIngressHost(h) : null))}
              onCommit={(host) =>
                update(
                  `rule${ri}.host`,
                  setRule(ri, (x) => {
                    const rest = omit(x, 'host');
                    return host ? { ...rest, host } : rest;
                  }),
                )
              }
            />
          )}
        >
          {(rule, ri, r) => {
            return (
              <>
                {rule.paths.map((path, pi) => {
                  const p = pi + 1;
                  const prefix = `Rule ${r} path ${p}`;
                  return (
                    <div
                      key={pi}
                      role="group"
                      aria-label={prefix}
                      className="grid grid-cols-2 gap-2 border-t border-slate-100 pt-2"
                    >
                      <TextField
                        label="Path"
                        name={`${prefix}`}
                        value={path.path ?? '/'}
                        mono
                        parse={withCheck(asText, checkIngressPath)}
                        onCommit={(value) =>
                          update(
                            `r${ri}p${pi}.path`,
                            setPath(ri, pi, (x) => ({ ...x, path: value })),
                          )
                        }
                      />
                      <SelectField
                        label="Path type"
                        name={`${prefix} type`}
                        value={path.pathType}
                        options={PATH_TYPES}
                        onChange={(pathType) =>
                          update(
                            `r${ri}p${pi}.type`,
                            setPath(ri, pi, (x) => ({ ...x, pathType })),
                          )
                        }
                      />
                      {backendFields(prefix, path.backend, (backend) =>
                        update(
                          `r${ri}p${pi}.backend`,
                          setPath(ri, pi, (x) => ({ ...x, backend })),
                        ),
                      )}
                      <div className="col-span-2 flex justify-end">
                        <SmallButton
                          tone="danger"
                          label={`Remove ${prefix.toLowerCase()}`}
                          onClick={() =>
                            update(
                              'rules',
                              setRule(ri, (x) => ({
                                ...x,
                                paths: x.paths.filter((_, j) => j !== pi),
                              })),
                            )
                          }
                        >
                          Remove path
                        </SmallButton>
                      </div>
                    </div>
                  );
                })}
                <div>
                  <SmallButton
                    label={`Add path to rule ${r}`}
                    disabled={!newBackend()}
                    onClick={() => {
                      const backend = newBackend();
                      if (backend) {
                        update(
                          'rules',
                          setRule(ri, (x) => ({
                            ...x,
                            paths: [...x.paths, { path: '/', pathType: 'Prefix', backend }],
                          })),
                        );
                      }
                    }}
                  >
                    + Add path
                  </SmallButton>
                </div>
              </>
            );
          }}
        </ItemCards>
      </ListSection>

      <Section title="Default backend">
        <SelectField
          label="Default backend"
          value={ingress.defaultBackend ? 'set' : 'none'}
          options={[
            { value: 'none', label: 'None: unmatched requests get 404' },
            { value: 'set', label: 'A Service', disabled: services.length === 0 },
          ]}
          onChange={(choice) =>
            update('defaultBackend', (i) => {
              const rest = omit(i, 'defaultBackend');
              const backend = newBackend();
              return choice === 'set' && backend ? { ...rest, defaultBackend: backend } : rest;
            })
          }
        />
        {ingress.defaultBackend && (
          <div className="grid grid-cols-2 gap-2">
            {backendFields('Default backend', ingress.defaultBackend, (backend) =>
              update('defaultBackend', (i) => ({ ...i, defaultBackend: backend })),
            )}
          </div>
        )}
      </Section>

      <ListSection
        title="TLS"
        addText="+ Add TLS"
        onAdd={() =>
          update('tls', (i) => ({
            ...i,
            tls: [
              ...(i.tls ?? []),
              {
                hosts: [i.rules.find((r) => r.host)?.host ?? 'shop.example.com'],
                secretName: `${i.name}-tls`,
              },
            ],
          }))
        }
      >
        {(ingress.tls ?? []).length === 0 && (
          <p className="text-[12px] text-slate-500">
            No TLS: the controller serves these hosts over HTTP only.
          </p>
        )}
        {(ingress.tls ?? []).map((tls, ti) => {
          const t = ti + 1;
          return (
            <div
              key={ti}
              role="group"
              aria-label={`TLS ${t}`}
              className="grid grid-cols-[1fr_1fr_auto] items-start gap-2"
            >
              <TextField
                label="Hosts"
                name={`TLS ${t} hosts`}
                value={tls.hosts}
                format={(h) => h.join(', ')}
                mono
                hint="Comma-separated."
                parse={(text) => {
                  const hosts = text
                    .split(',')
                    .map((h) => h.trim())
                    .filter(Boolean);
                  if (hosts.length === 0) return { error: 'List at least one host.' };
                  const bad = hosts.map(checkIngressHost).find(Boolean);
                  return bad ? { error: bad } : { value: hosts };
                }}
                onCommit={(hosts) =>
                  update(`tls${ti}.hosts`, (i) => ({
                    ...i,
                    tls: (i.tls ?? []).map((x, j) => (j === ti ? { ...x, hosts } : x)),
                  }))
                }
              />
              <TextField
                label="Secret"
                name={`TLS ${t} secret`}
                value={tls.secretName}
                placeholder="none"
                mono
                parse={optionalText}
                onCommit={(secretName) =>
                  update(`tls${ti}.secret`, (i) => ({
                    ...i,
                    tls: (i.tls ?? []).map((x, j) => {
                      if (j !== ti) return x;
                      const rest = omit(x, 'secretName');
                      return secretName ? { ...rest, secretName } : rest;
                    }),
                  }))
                }
              />
              <div className="pt-5">
                <RemoveButton
                  label={`Remove TLS ${t}`}
                  onClick={() =>
                    update('tls', (i) => {
                      const rest = (i.tls ?? []).filter((_, j) => j !== ti);
                      const others = omit(i, 'tls');
                      return rest.length > 0 ? { ...others, tls: rest } : others;
                    })
                  }
                />
              </div>
            </div>
          );
        })}
      </ListSection>
    </div>
  );
}
