import type { ServicePortSpec, ServiceSpec } from '../../engine/spec.ts';
import { appStore } from '../../store/appStore.ts';
import {
  checkExternalName,
  checkIpv4,
  checkNodePort,
  checkServicePorts,
  nodePortRangeOf,
  parsePort,
  parseTargetPort,
} from '../../store/documentChecks.ts';
import { updateService } from '../../scenario/document/edits/updateElements.ts';
import type { ServiceVariant } from '../../scenario/document/edits/addElements.ts';
import { LOAD_BALANCER_MODES } from '../../scenario/document/clusterOptions.ts';
import { omit, withOptional } from '../../scenario/document/edits/editKit.ts';
import { nameOfKey, serviceKey } from '../../scenario/document/elementKey.ts';
import { FormHeader, Notes, useFormData, type FormProps } from './common.tsx';
import { CheckboxField, choicesOf, PROTOCOL_CHOICES, SelectField, TextField } from './fields.tsx';
import { Fact, ItemCards, ListSection, Section } from './formLayout.tsx';
import { asText, optionalText, withCheck, type Parsed } from './fieldParsers.ts';
import { LabelsSection } from './LabelsEditor.tsx';
import { NameAndNamespaceFields } from './NameFields.tsx';
import { TrafficPolicyField } from './ServicePolicyFields.tsx';
import { firstFree } from './firstFree.ts';

const VARIANTS: readonly { value: ServiceVariant; label: string }[] = [
  { value: 'ClusterIP', label: 'ClusterIP' },
  { value: 'Headless', label: 'Headless (ClusterIP: None)' },
  { value: 'NodePort', label: 'NodePort' },
  { value: 'LoadBalancer', label: 'LoadBalancer' },
  { value: 'ExternalName', label: 'ExternalName' },
];

const TYPE_HINT: Record<ServiceVariant, string> = {
  ClusterIP:
    'A virtual IP inside the cluster; kube-proxy spreads connections over the ready endpoints.',
  Headless: 'No virtual IP: DNS answers with the ready pods\u2019 own addresses.',
  NodePort: 'A ClusterIP, plus the same port open on every node\u2019s address.',
  LoadBalancer: 'A NodePort Service with a cloud load balancer in front, at its own public IP.',
  ExternalName: 'Only a DNS alias (CNAME) to a name outside the cluster; no proxying.',
};

export const variantOf = (s: ServiceSpec): ServiceVariant =>
  s.type === 'ExternalName'
    ? 'ExternalName'
    : s.clusterIP === 'None'
      ? 'Headless'
      : (s.type ?? 'ClusterIP');

/** The Service as the new type needs it (a headless one has no node ports, and so on). */
function withVariant(s: ServiceSpec, variant: ServiceVariant): ServiceSpec {
  const {
    clusterIP,
    externalName,
    loadBalancerIP,
    externalTrafficPolicy,
    healthCheckNodePort,
    ...rest
  } = s;
  const nodePorts = variant === 'NodePort' || variant === 'LoadBalancer';
  const ports = nodePorts ? rest.ports : rest.ports.map((p) => omit(p, 'nodePort'));
  const keepIp =
    clusterIP && clusterIP !== 'None' && variant !== 'Headless' && variant !== 'ExternalName';
  return {
    ...rest,
    ports,
    type: variant === 'Headless' ? 'ClusterIP' : variant,
    ...(keepIp ? { clusterIP } : {}),
    ...(variant === 'Headless' ? { clusterIP: 'None' } : {}),
    ...(variant === 'ExternalName' ? { externalName: externalName ?? 'example.com' } : {}),
    ...(variant === 'LoadBalancer' && loadBalancerIP ? { loadBalancerIP } : {}),
    ...(nodePorts && externalTrafficPolicy ? { externalTrafficPolicy } : {}),
    ...(variant === 'LoadBalancer' && healthCheckNodePort ? { healthCheckNodePort } : {}),
  };
}

const optionalPort = (text: string): Parsed<number | undefined> =>
  text.trim() === '' ? { value: undefined } : parsePort(text);

export function ServiceForm(form: FormProps) {
  const { elementKey, cluster, model, edit, diagnostics, issueFor } = useFormData(form);
  const service = cluster.services.find((s) => serviceKey(s) === elementKey);
  if (!service) {
    return <p className="px-5 py-4 text-[13px] text-slate-500">This Service no longer exists.</p>;
  }
  const namespace = service.namespace ?? 'default';
  const derived = model?.services.find((s) => s.key === elementKey);
  const variant = variantOf(service);
  const external = variant === 'ExternalName';
  const hasNodePorts = variant === 'NodePort' || variant === 'LoadBalancer';
  const range = nodePortRangeOf(cluster);
  const update = (field: string, recipe: (s: ServiceSpec) => ServiceSpec) =>
    edit(field, (doc) => updateService(doc, elementKey, recipe));

  const commitPorts = (field: string, ports: ServicePortSpec[]): string | null => {
    const errors = checkServicePorts(ports);
    const own = errors[field] ?? Object.values(errors)[0];
    if (own) return own;
    update(field, (s) => ({ ...s, ports }));
    return null;
  };
  const patchPort = (i: number, patch: Partial<ServicePortSpec>) =>
    service.ports.map((p, j) => {
      if (j !== i) return p;
      const merged: Record<string, unknown> = { ...p, ...patch };
      for (const k of Object.keys(merged)) if (merged[k] === undefined) delete merged[k];
      if (merged.protocol === 'TCP') delete merged.protocol;
      return merged as unknown as ServicePortSpec;
    });

  const selectorEmpty = !service.selector || Object.keys(service.selector).length === 0;
  const selectorNote = external
    ? 'An ExternalName Service ignores its selector.'
    : selectorEmpty
      ? 'No selector: the Service selects no pods and has no endpoints (unless you add them by hand).'
      : derived && derived.selectedPods.length === 0
        ? `This selector matches no pod in namespace ${namespace}, so the Service has no endpoints.`
        : undefined;
  const endpoints = derived?.endpoints ?? [];

  return (
    <div>
      <FormHeader
        kind="Service"
        name={service.name}
        elementKey={elementKey}
        subtitle={variant === 'Headless' ? 'headless' : variant}
        namespace={namespace}
      />
      <Notes
        diagnostics={diagnostics}
        fields={['name', 'ports', 'clusterIP', 'externalName', 'loadBalancerIP']}
      />
      <dl className="grid grid-cols-2 gap-3 px-5 pb-4">
        <Fact label="ClusterIP">
          {external
            ? 'none'
            : variant === 'Headless'
              ? 'None (headless)'
              : (derived?.clusterIP ?? '…')}
        </Fact>
        <Fact label="DNS name" wide>
          {service.name}.{namespace}.svc.{cluster.settings.clusterDomain}
        </Fact>
        {variant === 'LoadBalancer' && (
          <Fact label="Load balancer IP">{derived?.loadBalancerIP ?? '…'}</Fact>
        )}
        {hasNodePorts && (
          <Fact label="Node ports">
            {derived?.ports.map((p) => p.nodePort ?? '…').join(', ') || '—'}
          </Fact>
        )}
      </dl>

      <Section title="Service">
        <div className="grid grid-cols-2 gap-3">
          <NameAndNamespaceFields
            form={form}
            kind="Service"
            of={service}
            issue={issueFor('name')}
          />
        </div>
        <SelectField
          label="Type"
          value={variant}
          options={VARIANTS}
          hint={TYPE_HINT[variant]}
          onChange={(next) => update('type', (s) => withVariant(s, next))}
        />
        {external && (
          <TextField
            label="External name"
            value={service.externalName ?? ''}
            mono
            parse={withCheck(asText, checkExternalName)}
            issue={issueFor('externalName')}
            onCommit={(externalName) => update('externalName', (s) => ({ ...s, externalName }))}
          />
        )}
      </Section>

      {!external && (
        <LabelsSection
          title="Selector"
          noun="Selector"
          labels={service.selector ?? {}}
          note={selectorNote}
          onCommit={(selector) => update('selector', (s) => ({ ...s, selector }))}
        />
      )}

      <ListSection
        title="Ports"
        addText="+ Add port"
        onAdd={() => {
          const first = service.ports.length === 0;
          const port = firstFree(
            service.ports.map((p) => p.port),
            first ? 80 : 8080,
            (p) => p + 1,
          );
          const name = firstFree(
            service.ports.map((p) => p.name),
            first ? 'http' : `port-${port}`,
            (n) => `${n}-x`,
          );
          // A multi-port Service needs every port named.
          const named = service.ports.map((p, i) => (p.name ? p : { ...p, name: `port-${i + 1}` }));
          commitPorts('ports', [...named, { name, port, targetPort: port }]);
        }}
      >
        {service.ports.length === 0 && (
          <p className="text-[12px] text-slate-500">
            No ports: nothing can connect through this Service.
          </p>
        )}
        <ItemCards
          items={service.ports}
          noun="Port"
          columns="grid-cols-[1fr_1fr_0.9fr_auto]"
          alignStart
          onRemove={(i) =>
            commitPorts(
              'ports',
              service.ports.filter((_, j) => j !== i),
            )
          }
          head={(p, i, n) => (
            <>
              <TextField
                label="Name"
                name={`Port ${n} name`}
                value={p.name}
                placeholder={service.ports.length > 1 ? 'required' : 'optional'}
                mono
                parse={optionalText}
                issue={issueFor(`ports[${i}].name`)}
                onCommit={(name) => commitPorts(`ports[${i}].name`, patchPort(i, { name }))}
              />
              <TextField
                label="Port"
                name={`Port ${n} port`}
                value={p.port}
                mono
                inputMode="numeric"
                parse={parsePort}
                issue={issueFor(`ports[${i}].port`)}
                onCommit={(port) => commitPorts(`ports[${i}].port`, patchPort(i, { port }))}
              />
              <SelectField
                label="Protocol"
                name={`Port ${n} protocol`}
                value={p.protocol ?? 'TCP'}
                options={PROTOCOL_CHOICES}
                onChange={(protocol) => {
                  const refused = commitPorts(`ports[${i}].port`, patchPort(i, { protocol }));
                  if (refused) appStore.getState().showToast(refused);
                }}
              />
            </>
          )}
        >
          {(p, i, n) => {
            const allocated = derived?.ports[i]?.nodePort;
            return (
              <>
                {!external && (
                  <div className="grid grid-cols-2 gap-2">
                    <TextField
                      label="Target port"
                      name={`Port ${n} target port`}
                      value={p.targetPort}
                      placeholder={String(p.port)}
                      mono
                      hint="A number, or the name of a container port (resolved per pod)."
                      parse={(t) => (t.trim() === '' ? { value: undefined } : parseTargetPort(t))}
                      onCommit={(targetPort) =>
                        commitPorts(`ports[${i}].targetPort`, patchPort(i, { targetPort }))
                      }
                    />
                    {hasNodePorts && (
                      <TextField
                        label="Node port"
                        name={`Port ${n} node port`}
                        value={p.nodePort}
                        placeholder={allocated ? `auto (${allocated})` : 'auto'}
                        mono
                        inputMode="numeric"
                        hint={`Empty: allocated from ${range.from}-${range.to}.`}
                        issue={issueFor(`ports[${i}].nodePort`)}
                        parse={withCheck(optionalPort, (nodePort) =>
                          nodePort === undefined
                            ? null
                            : checkNodePort(
                                appStore.getState().document.cluster,
                                elementKey,
                                i,
                                nodePort,
                              ),
                        )}
                        onCommit={(nodePort) =>
                          commitPorts(`ports[${i}].nodePort`, patchPort(i, { nodePort }))
                        }
                      />
                    )}
                  </div>
                )}
              </>
            );
          }}
        </ItemCards>
      </ListSection>

      {!external && (
        <Section title="Traffic">
          <div className="grid grid-cols-2 gap-3">
            {hasNodePorts && (
              <TrafficPolicyField
                service={service}
                field="externalTrafficPolicy"
                hint="Local keeps the client's IP but only nodes with a ready endpoint answer."
                onEdit={update}
              />
            )}
            <TrafficPolicyField
              service={service}
              field="internalTrafficPolicy"
              hint="Local sends pods only to endpoints on their own node."
              onEdit={update}
            />
            <SelectField
              label="Session affinity"
              value={service.sessionAffinity ?? 'None'}
              options={choicesOf(['None', 'ClientIP'] as const)}
              hint="ClientIP sends each client to the same endpoint for a while."
              onChange={(affinity) =>
                update('sessionAffinity', (s) =>
                  withOptional(
                    omit(s, 'sessionAffinityTimeoutSeconds'),
                    'sessionAffinity',
                    affinity,
                    'None',
                  ),
                )
              }
            />
            {service.sessionAffinity === 'ClientIP' && (
              <TextField
                label="Affinity timeout (s)"
                value={service.sessionAffinityTimeoutSeconds}
                placeholder="10800"
                mono
                inputMode="numeric"
                parse={(t) => {
                  if (t.trim() === '') return { value: undefined };
                  const n = Number(t.trim());
                  return /^\d+$/.test(t.trim()) && n >= 1 && n <= 86400
                    ? { value: n }
                    : { error: 'The timeout is 1 to 86400 seconds.' };
                }}
                onCommit={(timeout) =>
                  update('sessionAffinityTimeoutSeconds', (s) =>
                    withOptional(s, 'sessionAffinityTimeoutSeconds', timeout),
                  )
                }
              />
            )}
            {variant === 'LoadBalancer' && (
              <SelectField
                label="Load balancer targets"
                value={service.loadBalancerMode ?? 'default'}
                options={[
                  {
                    value: 'default',
                    label: `Cluster default (${
                      LOAD_BALANCER_MODES.find(
                        (m) => m.value === (cluster.settings.loadBalancer ?? 'nodeport'),
                      )?.label ?? 'NodePort'
                    })`,
                  },
                  ...LOAD_BALANCER_MODES.map((m) => ({ value: m.value, label: m.label })),
                ]}
                hint={
                  LOAD_BALANCER_MODES.find(
                    (m) =>
                      m.value ===
                      (service.loadBalancerMode ?? cluster.settings.loadBalancer ?? 'nodeport'),
                  )?.description
                }
                onChange={(mode) =>
                  update('loadBalancerMode', (s) =>
                    withOptional(s, 'loadBalancerMode', mode === 'default' ? undefined : mode),
                  )
                }
                className="col-span-2"
              />
            )}
            <div className="col-span-2 flex flex-col gap-2">
              <CheckboxField
                label="Publish not-ready addresses"
                checked={service.publishNotReadyAddresses ?? false}
                hint="Pods that are not ready count as endpoints too: DNS publishes them and traffic reaches them (peer discovery for StatefulSets)."
                onChange={(on) =>
                  update('publishNotReadyAddresses', (s) =>
                    withOptional(s, 'publishNotReadyAddresses', on, false),
                  )
                }
              />
              {variant === 'LoadBalancer' && (
                <CheckboxField
                  label="Allocate node ports"
                  checked={service.allocateLoadBalancerNodePorts ?? true}
                  hint="Off: no NodePort is allocated, so a load balancer that targets node ports has nothing to send to; one that targets pod IPs does not need them."
                  onChange={(on) =>
                    update('allocateLoadBalancerNodePorts', (s) =>
                      withOptional(s, 'allocateLoadBalancerNodePorts', on, true),
                    )
                  }
                />
              )}
            </div>
            {variant === 'LoadBalancer' && (
              <TextField
                label="Load balancer IP"
                value={service.loadBalancerIP}
                placeholder={derived?.loadBalancerIP ? `auto (${derived.loadBalancerIP})` : 'auto'}
                mono
                issue={issueFor('loadBalancerIP')}
                parse={withCheck(optionalText, (v) => (v ? checkIpv4(v) : null))}
                onCommit={(ip) =>
                  update('loadBalancerIP', (s) => withOptional(s, 'loadBalancerIP', ip))
                }
              />
            )}
          </div>
        </Section>
      )}

      {!external && (
        <Section title="Endpoints">
          {endpoints.length === 0 ? (
            <p className="text-[12px] text-slate-500">
              No endpoints: a connection to this Service has nowhere to go.
            </p>
          ) : (
            <ul aria-label="Endpoints" className="flex flex-col gap-1 font-mono text-[12px]">
              {endpoints.map((e) => (
                <li key={`${e.pod}:${e.portIndex}`} className="flex items-center gap-2">
                  <span
                    aria-hidden="true"
                    className={e.ready ? 'text-emerald-600' : 'text-amber-600'}
                  >
                    {e.ready ? '●' : '○'}
                  </span>
                  <span className="text-slate-800">
                    {e.ip}:{e.port}
                  </span>
                  <span className="truncate text-slate-500">{nameOfKey(e.pod)}</span>
                  <span
                    className={`ml-auto text-[11px] ${e.ready ? 'text-emerald-800' : 'text-amber-800'}`}
                  >
                    {e.ready ? 'ready' : 'not ready'}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Section>
      )}
    </div>
  );
}
