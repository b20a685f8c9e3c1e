import { useState } from 'react';
import type { ContainerPortSpec, ContainerSpec, PodSpec } from '../../engine/spec.ts';
import { appStore, useAppStore } from '../../store/appStore.ts';
import {
  checkContainerName,
  checkContainers,
  checkHostname,
  parsePort,
  type FieldErrors,
} from '../../store/documentChecks.ts';
import { deploymentOf, deploymentPods } from '../../scenario/document/edits/documentQueries.ts';
import { movePod } from '../../scenario/document/edits/moveElements.ts';
import { scaleDeployment } from '../../scenario/document/edits/addElements.ts';
import { updatePods } from '../../scenario/document/edits/updateElements.ts';
import { omit, withOptional } from '../../scenario/document/edits/editKit.ts';
import { podKey } from '../../scenario/document/elementKey.ts';
import { selectPolicyTargets } from '../../store/selectors.ts';
import { FormHeader, Notes, useFormData, type FormProps } from './common.tsx';
import { CheckboxField, choicesOf, PROTOCOL_CHOICES, SelectField, TextField } from './fields.tsx';
import { Fact, ItemCards, ListSection, RemoveButton, Section, SmallButton } from './formLayout.tsx';
import { asText, optionalText, withCheck } from './fieldParsers.ts';
import { LabelsSection } from './LabelsEditor.tsx';
import { NameAndNamespaceFields } from './NameFields.tsx';
import { DnsPolicyFields } from './DnsPolicyFields.tsx';
import { firstFree } from './firstFree.ts';

export function PodForm(form: FormProps) {
  const { elementKey, cluster, model, edit, diagnostics, issueFor } = useFormData(form);
  const policyTargets = useAppStore(selectPolicyTargets);
  const [allReplicas, setAllReplicas] = useState(true);
  const pod = cluster.pods.find((p) => podKey(p) === elementKey);
  if (!pod)
    return <p className="px-5 py-4 text-[13px] text-slate-500">This pod no longer exists.</p>;

  const namespace = pod.namespace ?? 'default';
  const derived = model?.pods.find((p) => p.key === elementKey);
  const deployment = deploymentOf(pod);
  const replicas = deployment ? deploymentPods(cluster, namespace, deployment) : [pod];
  // Labels and containers are the pod template: with a Deployment, edits go to every replica.
  const targets = deployment && allReplicas ? replicas.map(podKey) : [elementKey];
  const editTemplate = (field: string, recipe: (p: PodSpec) => PodSpec) =>
    edit(field, (doc) => updatePods(doc, targets, recipe));
  const editThis = (field: string, recipe: (p: PodSpec) => PodSpec) =>
    edit(field, (doc) => updatePods(doc, [elementKey], recipe));
  /** A switch of this pod's own; at its Kubernetes default it is left out of the document. */
  const flagField = (
    field: 'ready' | 'hostNetwork' | 'enableServiceLinks',
    label: string,
    hint: string,
    byDefault: boolean,
  ) => (
    <CheckboxField
      label={label}
      checked={pod[field] ?? byDefault}
      hint={hint}
      onChange={(on) => editThis(field, (p) => withOptional(p, field, on, byDefault))}
    />
  );
  const services =
    model?.services.filter((s) => s.selectedPods.includes(elementKey)).map((s) => s.name) ?? [];
  const policies = policyTargets.get(elementKey) ?? [];

  /** Refuses container changes that would make the pod invalid, naming the field. */
  const commitContainers = (field: string, next: readonly ContainerSpec[]): string | null => {
    const errors: FieldErrors = checkContainers(next);
    const own = errors[field] ?? Object.values(errors)[0];
    if (own) return own;
    editTemplate(field, (p) => ({ ...p, containers: next }));
    return null;
  };
  const setPort = (ci: number, pi: number, patch: Partial<ContainerPortSpec>) =>
    pod.containers.map((c, i) =>
      i !== ci
        ? c
        : {
            ...c,
            ports: (c.ports ?? []).map((p, j) => {
              if (j !== pi) return p;
              const merged = { ...p, ...patch };
              if (merged.name === undefined) delete merged.name;
              if (merged.protocol === 'TCP' || merged.protocol === undefined)
                delete merged.protocol;
              return merged;
            }),
          },
    );

  return (
    <div>
      <FormHeader
        kind="Pod"
        name={pod.name}
        elementKey={elementKey}
        subtitle={`on ${pod.nodeName}`}
        namespace={namespace}
      />
      <Notes diagnostics={diagnostics} fields={['name', 'containers', 'ip', 'nodeName']} />
      <dl className="grid grid-cols-2 gap-3 px-5 pb-4">
        <Fact label="Pod IP">{derived?.node === pod.nodeName ? derived.ip : 'allocating…'}</Fact>
        <Fact label="Host veth">{derived?.hostVeth ?? '—'}</Fact>
        <Fact label="Selected by Services">{services.length ? services.join(', ') : 'none'}</Fact>
        <Fact label="NetworkPolicies">{policies.length ? policies.join(', ') : 'none'}</Fact>
      </dl>

      {deployment && (
        <Section title={`Deployment ${deployment}`}>
          <div className="grid grid-cols-[1fr_auto] items-end gap-3">
            <TextField<number>
              label="Replicas"
              value={replicas.length}
              inputMode="numeric"
              mono
              parse={(t) => {
                const n = Number(t.trim());
                return /^\d+$/.test(t.trim()) && n >= 1 && n <= 50
                  ? { value: n }
                  : { error: 'Replicas is a whole number from 1 to 50.' };
              }}
              hint="New replicas copy the pod template and spread over the nodes."
              onCommit={(n) =>
                edit('replicas', (doc) => scaleDeployment(doc, namespace, deployment, n).document)
              }
            />
          </div>
          <CheckboxField
            label="Apply label and container edits to every replica"
            checked={allReplicas}
            onChange={setAllReplicas}
            hint="Labels and containers belong to the Deployment's pod template; name, node and readiness are each pod's own."
          />
        </Section>
      )}

      <Section title="Pod">
        <div className="grid grid-cols-2 gap-3">
          <NameAndNamespaceFields form={form} kind="Pod" of={pod} issue={issueFor('name')} />
          <SelectField
            label="Node"
            value={pod.nodeName}
            options={choicesOf(cluster.nodes.map((n) => n.name))}
            hint="Moving a pod gives it a new IP from that node's pod CIDR."
            onChange={(node) => edit('node', (doc) => movePod(doc, elementKey, node))}
          />
          <div className="flex flex-col justify-end gap-2 pb-1">
            {flagField('ready', 'Ready', "A pod that is not ready is no Service's endpoint.", true)}
          </div>
          <TextField
            label="Hostname"
            value={pod.hostname}
            placeholder={pod.name}
            mono
            parse={withCheck(optionalText, (v) => (v ? checkHostname(v) : null))}
            onCommit={(hostname) =>
              editThis('hostname', (p) => withOptional(p, 'hostname', hostname))
            }
          />
          <TextField
            label="Subdomain"
            value={pod.subdomain}
            placeholder="none"
            mono
            hint="With a headless Service of this name, the pod gets hostname.subdomain.namespace.svc."
            parse={withCheck(optionalText, (v) => (v ? checkHostname(v) : null))}
            onCommit={(subdomain) =>
              editThis('subdomain', (p) => withOptional(p, 'subdomain', subdomain))
            }
          />
        </div>
        {flagField(
          'hostNetwork',
          'Host network',
          "The pod uses the node's network namespace and address: no veth, no pod IP of its own.",
          false,
        )}
        {flagField(
          'enableServiceLinks',
          'Service links',
          'Off (enableServiceLinks: false): the containers get only the KUBERNETES_* variables, none for the other Services of the namespace.',
          true,
        )}
        <DnsPolicyFields
          pod={pod}
          resolvConf={derived?.resolvConf}
          why={derived?.resolvConfWhy}
          onEdit={editThis}
        />
      </Section>

      <LabelsSection
        labels={pod.labels ?? {}}
        emptyText="No labels: no Service or policy can select this pod."
        onCommit={(labels) => editTemplate('labels', (p) => ({ ...p, labels }))}
      />

      <ListSection
        title="Containers"
        addText="+ Add container"
        onAdd={() => {
          const taken = pod.containers.map((c) => c.name);
          const name = firstFree(taken, 'sidecar', (_, attempt) => `sidecar-${attempt + 1}`);
          commitContainers('containers', [...pod.containers, { name, image: 'busybox' }]);
        }}
      >
        <p className="-mt-1 text-[12px] leading-snug text-slate-500">
          Containers of a pod share one network namespace: one IP, and no two may listen on the same
          port.
        </p>
        <ItemCards
          items={pod.containers}
          noun="Container"
          columns="grid-cols-[1fr_1fr_auto]"
          removeDisabled={pod.containers.length === 1}
          onRemove={(ci) =>
            commitContainers(
              'containers',
              pod.containers.filter((_, i) => i !== ci),
            )
          }
          head={(container, ci, n) => (
            <>
              <TextField
                label="Name"
                name={`Container ${n} name`}
                value={container.name}
                mono
                parse={withCheck(asText, checkContainerName)}
                onCommit={(name) =>
                  commitContainers(
                    `containers[${ci}].name`,
                    pod.containers.map((c, i) => (i === ci ? { ...c, name } : c)),
                  )
                }
              />
              <TextField
                label="Image"
                name={`Container ${n} image`}
                value={container.image}
                mono
                parse={optionalText}
                onCommit={(image) =>
                  commitContainers(
                    `containers[${ci}].image`,
                    pod.containers.map((c, i) => {
                      if (i !== ci) return c;
                      const rest = omit(c, 'image');
                      return image ? { ...rest, image } : rest;
                    }),
                  )
                }
              />
            </>
          )}
        >
          {(container, ci, n) => {
            const ports = container.ports ?? [];
            return (
              <>
                {ports.length > 0 && (
                  <div className="grid grid-cols-[1fr_1.1fr_0.9fr_auto] gap-x-2 text-[11px] font-semibold tracking-wide text-slate-500 uppercase">
                    <span aria-hidden="true">Port</span>
                    <span aria-hidden="true">Name</span>
                    <span aria-hidden="true">Protocol</span>
                    <span />
                  </div>
                )}
                {ports.map((port, pi) => {
                  const m = pi + 1;
                  const path = `containers[${ci}].ports[${pi}]`;
                  return (
                    <div
                      key={pi}
                      className="grid grid-cols-[1fr_1.1fr_0.9fr_auto] items-start gap-2"
                    >
                      <TextField
                        label="Port"
                        name={`Container ${n} port ${m} number`}
                        hideLabel
                        value={port.containerPort}
                        mono
                        inputMode="numeric"
                        parse={parsePort}
                        issue={issueFor(path)}
                        onCommit={(containerPort) =>
                          commitContainers(
                            `${path}.containerPort`,
                            setPort(ci, pi, { containerPort }),
                          )
                        }
                      />
                      <TextField
                        label="Name"
                        name={`Container ${n} port ${m} name`}
                        hideLabel
                        value={port.name}
                        placeholder="optional"
                        mono
                        parse={optionalText}
                        onCommit={(name) =>
                          commitContainers(`${path}.name`, setPort(ci, pi, { name }))
                        }
                      />
                      <SelectField
                        label="Protocol"
                        name={`Container ${n} port ${m} protocol`}
                        hideLabel
                        value={port.protocol ?? 'TCP'}
                        options={PROTOCOL_CHOICES}
                        onChange={(protocol) => {
                          const refused = commitContainers(
                            `${path}.containerPort`,
                            setPort(ci, pi, { protocol }),
                          );
                          if (refused) appStore.getState().showToast(refused);
                        }}
                      />
                      <RemoveButton
                        label={`Remove container ${n} port ${m}`}
                        onClick={() =>
                          commitContainers(
                            'containers',
                            pod.containers.map((c, i) =>
                              i === ci ? { ...c, ports: ports.filter((_, j) => j !== pi) } : c,
                            ),
                          )
                        }
                      />
                    </div>
                  );
                })}
                <div>
                  <SmallButton
                    label={`Add port to container ${n}`}
                    onClick={() => {
                      const used = pod.containers.flatMap((c) =>
                        (c.ports ?? []).map((p) => p.containerPort),
                      );
                      const number = firstFree(used, 8080, (p) => p + 1);
                      commitContainers(
                        'containers',
                        pod.containers.map((c, i) =>
                          i === ci ? { ...c, ports: [...ports, { containerPort: number }] } : c,
                        ),
                      );
                    }}
                  >
                    + Add port
                  </SmallButton>
                </div>
              </>
            );
          }}
        </ItemCards>
      </ListSection>
    </div>
  );
}
