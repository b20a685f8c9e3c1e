/** The smaller inspector forms: nodes, outside clients, namespaces and load balancers. */
import type { ClusterSpec } from '../../engine/spec.ts';
import { appStore, useAppStore } from '../../store/appStore.ts';
import {
  checkClientIp,
  checkNodeIp,
  checkNodeSubnet,
  checkPodCidr,
} from '../../store/documentChecks.ts';
import { namespaceNames } from '../../scenario/document/edits/documentQueries.ts';
import {
  updateExternalClient,
  updateNamespace,
  updateNode,
  updateService,
} from '../../scenario/document/edits/updateElements.ts';
import { omit, withOptional } from '../../scenario/document/edits/editKit.ts';
import { isPrivateAddress, SYSTEM_NAMESPACES } from '../../scenario/document/clusterOptions.ts';
import {
  nameOfKey,
  nodeKey,
  parseElementKey,
  serviceKey,
  type ElementKey,
} from '../../scenario/document/elementKey.ts';
import { selectCluster, selectModel } from '../../store/selectors.ts';
import { KIND_LABEL } from '../../ui/kinds.tsx';
import {
  FormHeader,
  Notes,
  SystemNote,
  useEdit,
  useFormData,
  useIssues,
  type FormProps,
} from './common.tsx';
import { TextField } from './fields.tsx';
import { Fact, Section, SmallButton } from './formLayout.tsx';
import { asText, optionalText, withCheck } from './fieldParsers.ts';
import { LabelsEditor, LabelsSection } from './LabelsEditor.tsx';
import { NameField } from './NameFields.tsx';
import { TrafficPolicyField } from './ServicePolicyFields.tsx';

const missing = (what: string) => (
  <p className="px-5 py-4 text-[13px] text-slate-500">This {what} no longer exists.</p>
);

/** The pods' default gateway, on the device the cluster's CNI puts it on. */
function PodGatewayFact({
  device,
  gateway,
}: {
  readonly device: string | null | undefined;
  readonly gateway: string | undefined;
}) {
  if (device === null) return <Fact label="Pod gateway">169.254.1.1 (proxy ARP, no bridge)</Fact>;
  return <Fact label={`Pod gateway (${device ?? '…'})`}>{gateway ?? '…'}</Fact>;
}

export function NodeForm(form: FormProps) {
  const { elementKey, cluster, model, edit, diagnostics, issueFor } = useFormData(form);
  const node = cluster.nodes.find((n) => nodeKey(n) === elementKey);
  if (!node) return missing('node');
  const derived = model?.nodes.find((n) => n.name === node.name);
  const pods = cluster.pods.filter((p) => p.nodeName === node.name);
  // An empty field leaves the address to the cluster: the field is dropped from the document.
  const setNodeField = (field: 'ip' | 'subnet' | 'podCidr') => (value: string | undefined) =>
    edit(field, (doc) => updateNode(doc, elementKey, (n) => withOptional(n, field, value)));
  /** An address the cluster allocates unless one is typed; a typed one must not clash. */
  const allocatedField = (
    field: 'ip' | 'podCidr',
    label: string,
    hint: string,
    check: (cluster: ClusterSpec, key: string, value: string) => string | null,
  ) => (
    <TextField
      label={label}
      value={node[field]}
      placeholder={derived ? `auto (${derived[field]})` : 'auto'}
      mono
      hint={hint}
      issue={issueFor(field)}
      parse={withCheck(optionalText, (v) =>
        v ? check(appStore.getState().document.cluster, elementKey, v) : null,
      )}
      onCommit={setNodeField(field)}
    />
  );
  return (
    <div>
      <FormHeader
        kind="Node"
        name={node.name}
        elementKey={elementKey}
        subtitle={`${pods.length} pod${pods.length === 1 ? '' : 's'}`}
      />
      <Notes diagnostics={diagnostics} fields={['name', 'ip', 'podCidr']} />
      <dl className="grid grid-cols-2 gap-3 px-5 pb-4">
        <Fact label="Node IP">{derived?.ip ?? '…'}</Fact>
        <Fact label="Pod CIDR">{derived?.podCidr ?? '…'}</Fact>
        <PodGatewayFact device={model?.settings.podGatewayDevice} gateway={derived?.gateway} />
      </dl>
      <Section title="Node">
        <NameField form={form} kind="Node" value={node.name} issue={issueFor('name')} />
        <div className="grid grid-cols-2 gap-3">
          {allocatedField(
            'ip',
            'Node IP',
            'Empty: the next free address of the node network.',
            checkNodeIp,
          )}
          <TextField
            label="Subnet"
            value={node.subnet}
            placeholder={`node network (${cluster.settings.nodeNetwork})`}
            mono
            hint="The subnet of the node's interface. kube-router tunnels only to nodes in another subnet."
            issue={issueFor('subnet')}
            parse={withCheck(optionalText, (c) =>
              c ? checkNodeSubnet(node.ip ?? derived?.ip, c) : null,
            )}
            onCommit={setNodeField('subnet')}
          />
          {allocatedField(
            'podCidr',
            'Pod CIDR',
            'Pod addresses on this node come from here.',
            checkPodCidr,
          )}
        </div>
      </Section>
      <LabelsSection
        labels={node.labels ?? {}}
        emptyText="Kubernetes adds kubernetes.io/hostname itself."
        onCommit={(labels) =>
          edit('labels', (doc) => updateNode(doc, elementKey, (n) => ({ ...n, labels })))
        }
      />
    </div>
  );
}

export function ClientForm(form: FormProps) {
  const { elementKey, formId } = form;
  const cluster = useAppStore(selectCluster);
  const edit = useEdit(formId);
  const { diagnostics, issueFor } = useIssues(elementKey);
  const name = nameOfKey(elementKey);
  const client = (cluster.externalClients ?? []).find((c) => c.name === name);
  if (!client) return missing('client');
  return (
    <div>
      <FormHeader
        kind={isPrivateAddress(client.ip) ? 'Laptop' : 'Internet'}
        name={client.name}
        elementKey={elementKey}
        subtitle="outside the cluster"
      />
      <Notes diagnostics={diagnostics} fields={['ip']} />
      <Section title="Client">
        <div className="grid grid-cols-2 gap-3">
          <NameField form={form} kind="ExternalClient" value={client.name} />
          <TextField
            label="IP address"
            value={client.ip}
            mono
            hint="A private address draws an office laptop, a public one an Internet user."
            issue={issueFor('ip')}
            parse={withCheck(asText, (ip) =>
              checkClientIp(appStore.getState().document.cluster, client.name, ip),
            )}
            onCommit={(ip) =>
              edit('ip', (doc) =>
                updateExternalClient(doc, elementKey, (c) => ({ ...c, ip: ip.trim() })),
              )
            }
          />
        </div>
      </Section>
    </div>
  );
}

const SYSTEM = new Set(SYSTEM_NAMESPACES);

export function NamespaceForm(form: FormProps) {
  const { elementKey, formId } = form;
  const cluster = useAppStore(selectCluster);
  const edit = useEdit(formId);
  const name = nameOfKey(elementKey);
  const system = SYSTEM.has(name);
  const spec = (cluster.namespaces ?? []).find((n) => n.name === name);
  const exists = system || namespaceNames(cluster).includes(name);
  if (!exists) return missing('namespace');
  const pods = cluster.pods.filter((p) => (p.namespace ?? 'default') === name).length;
  const labels = { ...(spec?.labels ?? {}), 'kubernetes.io/metadata.name': name };
  return (
    <div>
      <FormHeader
        kind="Namespace"
        name={name}
        elementKey={elementKey}
        readOnly={system || name === 'default'}
        subtitle={`${pods} pod${pods === 1 ? '' : 's'}`}
      />
      {system && (
        <SystemNote>
          The cluster's add-ons live here. NetworkPolicies can still select it by its labels.
        </SystemNote>
      )}
      <Section title="Namespace">
        <NameField
          form={form}
          kind="Namespace"
          value={name}
          disabled={system || name === 'default'}
          hint={
            name === 'default'
              ? 'The default namespace cannot be renamed.'
              : 'Renaming moves everything in it.'
          }
        />
        {!system && (
          <LabelsEditor
            title="Labels"
            noun="Namespace label"
            labels={labels}
            readOnlyKeys={['kubernetes.io/metadata.name']}
            note="A NetworkPolicy's namespaceSelector matches these labels."
            onCommit={(next) => {
              const rest = omit(next, 'kubernetes.io/metadata.name');
              edit('labels', (doc) => updateNamespace(doc, name, (n) => ({ ...n, labels: rest })));
            }}
          />
        )}
      </Section>
    </div>
  );
}

/** A cloud load balancer belongs to its Service: its facts, and the Service fields that shape it. */
export function LoadBalancerForm({ elementKey, formId }: FormProps) {
  const cluster = useAppStore(selectCluster);
  const model = useAppStore(selectModel);
  const edit = useEdit(formId);
  const ref = parseElementKey(elementKey);
  const namespace = ref?.namespace ?? '';
  const name = ref?.name ?? '';
  const ownerKey = serviceKey({ namespace, name });
  const service = cluster.services.find(
    (s) => s.name === name && (s.namespace ?? 'default') === namespace,
  );
  const derived = model?.services.find((s) => s.key === ownerKey);
  const system = SYSTEM.has(namespace);
  return (
    <div>
      <FormHeader
        kind="LoadBalancer"
        name={name}
        elementKey={elementKey}
        readOnly
        subtitle={`for Service ${name}`}
      />
      <SystemNote>
        The cloud provider made this load balancer for the {KIND_LABEL.Service} {name} (type
        LoadBalancer). It forwards each port to the Service's NodePort on the nodes.
      </SystemNote>
      <dl className="grid grid-cols-2 gap-3 px-5 pb-4">
        <Fact label="Load balancer IP">{derived?.loadBalancerIP ?? '…'}</Fact>
        <Fact label="Forwards to">
          {derived?.ports.map((p) => `:${p.port} → node :${p.nodePort ?? '…'}`).join(', ') ?? '…'}
        </Fact>
      </dl>
      {service && !system && (
        <Section
          title="From the Service"
          actions={
            <SmallButton onClick={() => appStore.getState().setSelection([ownerKey])}>
              Edit Service
            </SmallButton>
          }
        >
          <TrafficPolicyField
            service={service}
            field="externalTrafficPolicy"
            hint="Local: only nodes with a ready endpoint pass the health check, and the client's IP is kept."
            onEdit={(field, recipe) => edit(field, (doc) => updateService(doc, ownerKey, recipe))}
          />
        </Section>
      )}
    </div>
  );
}

/** CoreDNS, the ingress controller and their Services: shown, explained, not edited. */
export function SystemForm({ elementKey }: { readonly elementKey: ElementKey }) {
  const model = useAppStore(selectModel);
  const { kind, namespace, name } = parseElementKey(elementKey) ?? { name: '' };
  const pod = kind === 'Pod' ? model?.pods.find((p) => p.key === elementKey) : undefined;
  const service =
    kind === 'Service' ? model?.services.find((s) => s.key === elementKey) : undefined;
  const ingress = namespace !== 'kube-system';
  return (
    <div>
      <FormHeader
        kind={kind === 'Pod' ? 'Pod' : 'Service'}
        name={name}
        elementKey={elementKey}
        readOnly
        subtitle={`${namespace} · cluster add-on`}
      />
      <SystemNote>
        {ingress
          ? 'The ingress controller is an add-on: its pod reads every Ingress and proxies HTTP to the backends; its LoadBalancer Service brings traffic in. Choose it, or turn it off, in the cluster settings (select nothing).'
          : 'CoreDNS answers the cluster\u2019s DNS questions; every pod\u2019s resolv.conf points at the kube-dns Service.'}
      </SystemNote>
      <dl className="grid grid-cols-2 gap-3 px-5 pb-4">
        {pod && (
          <>
            <Fact label="Pod IP">{pod.ip}</Fact>
            <Fact label="Node">{pod.node}</Fact>
            <Fact label="Containers">{pod.containers.map((c) => c.name).join(', ')}</Fact>
          </>
        )}
        {service && (
          <>
            <Fact label="ClusterIP">{service.clusterIP ?? 'None'}</Fact>
            <Fact label="Type">{service.type}</Fact>
            {service.loadBalancerIP && (
              <Fact label="Load balancer IP">{service.loadBalancerIP}</Fact>
            )}
            <Fact label="Ports">
              {service.ports
                .map((p) => `${p.port}/${p.protocol}${p.nodePort ? ` node :${p.nodePort}` : ''}`)
                .join(', ')}
            </Fact>
          </>
        )}
      </dl>
    </div>
  );
}
