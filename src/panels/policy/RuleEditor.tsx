/**
 * One ingress or egress rule: its peers (OR-ed; none listed means every peer) and its ports
 * (OR-ed; none listed means every port). Inside one peer a namespaceSelector and a podSelector
 * are AND-ed, and a podSelector alone means the policy's own namespace.
 */
import type { PolicyDirection } from '../../engine/policy.ts';
import type { NetworkPolicyPeer, NetworkPolicyPort } from '../../engine/spec.ts';
import { describeRule, type PolicyRule } from '../../scenario/policyWords.ts';
import { checkCidr, parsePort, parseTargetPort } from '../../store/documentChecks.ts';
import { omit, withOptional } from '../../scenario/document/edits/editKit.ts';
import { PROTOCOL_CHOICES, SelectField, TextField } from '../inspector/fields.tsx';
import { ItemCard, RemoveButton, SmallButton } from '../inspector/formLayout.tsx';
import { asText, commaList, withCheck } from '../inspector/fieldParsers.ts';
import { peerKindOf, type PeerKind } from './policyPeers.ts';
import { SelectorEditor } from './SelectorEditor.tsx';
import { useSelectorHighlight } from './useSelectorHighlight.ts';

const PEER_KINDS: readonly { value: PeerKind; label: string }[] = [
  { value: 'pods', label: 'Pods in this namespace' },
  { value: 'podsInNamespaces', label: 'Pods in namespaces' },
  { value: 'namespaces', label: 'Every pod in namespaces' },
  { value: 'ipBlock', label: 'IP block (CIDR)' },
];

/** The peer as another kind, keeping the selectors that still apply. */
function asKind(peer: NetworkPolicyPeer, kind: PeerKind): NetworkPolicyPeer {
  const pods = peer.podSelector ?? {};
  const namespaces = peer.namespaceSelector ?? {};
  switch (kind) {
    case 'pods':
      return { podSelector: pods };
    case 'namespaces':
      return { namespaceSelector: namespaces };
    case 'podsInNamespaces':
      return { namespaceSelector: namespaces, podSelector: pods };
    case 'ipBlock':
      return { ipBlock: peer.ipBlock ?? { cidr: '203.0.113.0/24' } };
    default:
      return kind satisfies never;
  }
}

/** An editor of one item in a policy's list (a rule, a peer): it changes or removes the item. */
interface ListItemEditorProps<T> {
  /** The policy's namespace: where a podSelector alone looks. */
  readonly namespace: string;
  readonly onChange: (item: T) => void;
  readonly onRemove: () => void;
}

export function RuleEditor({
  direction,
  index,
  rule,
  namespace,
  onChange,
  onRemove,
}: ListItemEditorProps<PolicyRule> & {
  readonly direction: PolicyDirection;
  readonly index: number;
  readonly rule: PolicyRule;
}) {
  const field = direction === 'Ingress' ? 'from' : 'to';
  const name = `${direction} rule ${index + 1}`;
  const peers = rule[field] ?? [];
  const ports = rule.ports ?? [];
  const setPeers = (next: readonly NetworkPolicyPeer[]) =>
    onChange(next.length > 0 ? { ...omit(rule, field), [field]: next } : omit(rule, field));
  const setPorts = (next: readonly NetworkPolicyPort[]) =>
    onChange(next.length > 0 ? { ...rule, ports: next } : omit(rule, 'ports'));
  return (
    <ItemCard name={name}>
      <div className="flex items-center gap-1">
        <span className="text-[12px] font-semibold text-slate-800">{name}</span>
        <span className="ml-auto flex gap-1">
          <SmallButton
            label={`Add peer to ${name.toLowerCase()}`}
            onClick={() => setPeers([...peers, { podSelector: {} }])}
          >
            + Peer
          </SmallButton>
          <SmallButton
            label={`Add port to ${name.toLowerCase()}`}
            onClick={() => setPorts([...ports, { protocol: 'TCP', port: 80 }])}
          >
            + Port
          </SmallButton>
          <RemoveButton label={`Remove ${name.toLowerCase()}`} onClick={onRemove} />
        </span>
      </div>
      <p className="text-[12px] leading-snug text-slate-600">
        Allows {describeRule(rule, direction)}.
      </p>
      <div className="flex flex-col gap-2">
        <span className="text-[11px] font-semibold tracking-wide text-slate-500 uppercase">
          {direction === 'Ingress' ? 'From' : 'To'}
        </span>
        {peers.length === 0 && (
          <p className="text-[12px] text-slate-500">
            No peers listed: {direction === 'Ingress' ? 'every source' : 'every destination'}.
          </p>
        )}
        {peers.map((peer, i) => (
          <PeerEditor
            key={i}
            label={`Peer ${i + 1}`}
            name={`${name} peer ${i + 1}`}
            peer={peer}
            namespace={namespace}
            onChange={(next) => setPeers(peers.map((p, j) => (j === i ? next : p)))}
            onRemove={() => setPeers(peers.filter((_, j) => j !== i))}
          />
        ))}
      </div>
      <div className="flex flex-col gap-1.5">
        <span className="text-[11px] font-semibold tracking-wide text-slate-500 uppercase">
          Ports
        </span>
        {ports.length === 0 && <p className="text-[12px] text-slate-500">Every port.</p>}
        {ports.map((port, i) => (
          <PortRow
            key={i}
            name={`${name} port ${i + 1}`}
            port={port}
            onChange={(next) => setPorts(ports.map((p, j) => (j === i ? next : p)))}
            onRemove={() => setPorts(ports.filter((_, j) => j !== i))}
          />
        ))}
      </div>
    </ItemCard>
  );
}

function PeerEditor({
  label,
  name,
  peer,
  namespace,
  onChange,
  onRemove,
}: ListItemEditorProps<NetworkPolicyPeer> & {
  /** The visible label (`Peer 1`). */
  readonly label: string;
  /** The accessible name (`Ingress rule 1 peer 1`). */
  readonly name: string;
  readonly peer: NetworkPolicyPeer;
}) {
  const highlight = useSelectorHighlight({ kind: 'peer', namespace, peer });
  const kind = peerKindOf(peer);
  return (
    <div
      role="group"
      aria-label={name}
      {...highlight}
      className="flex flex-col gap-2 rounded-md border border-slate-200 bg-slate-50/60 p-2 hover:border-violet-300"
    >
      <div className="grid grid-cols-[1fr_auto] items-end gap-2">
        <SelectField
          label={label}
          name={`${name} kind`}
          value={kind}
          options={PEER_KINDS}
          onChange={(k) => onChange(asKind(peer, k))}
        />
        <RemoveButton label={`Remove ${name.toLowerCase()}`} onClick={onRemove} />
      </div>
      {peer.namespaceSelector && (
        <SelectorEditor
          title="Namespace selector"
          noun={`${name} namespace selector`}
          selector={peer.namespaceSelector}
          emptyText="Empty: every namespace. kubernetes.io/metadata.name=<name> picks one by name."
          onChange={(namespaceSelector) => onChange({ ...peer, namespaceSelector })}
        />
      )}
      {peer.podSelector && (
        <SelectorEditor
          title="Pod selector"
          noun={`${name} pod selector`}
          selector={peer.podSelector}
          emptyText={
            peer.namespaceSelector
              ? 'Empty: every pod in those namespaces.'
              : `Empty: every pod in ${namespace}.`
          }
          onChange={(podSelector) => onChange({ ...peer, podSelector })}
        />
      )}
      {peer.ipBlock && (
        <div className="grid grid-cols-2 gap-2">
          <TextField
            label="CIDR"
            name={`${name} CIDR`}
            value={peer.ipBlock.cidr}
            mono
            parse={withCheck(asText, (c) => checkCidr(c.trim()))}
            onCommit={(cidr) => onChange({ ipBlock: { ...peer.ipBlock!, cidr: cidr.trim() } })}
          />
          <TextField
            label="Except"
            name={`${name} except`}
            value={peer.ipBlock.except ?? []}
            format={(v) => v.join(', ')}
            placeholder="none"
            mono
            parse={withCheck(commaList, (list) => list.map(checkCidr).find(Boolean) ?? null)}
            onCommit={(except) => {
              const block = omit(peer.ipBlock!, 'except');
              onChange({ ipBlock: except.length > 0 ? { ...block, except } : block });
            }}
          />
        </div>
      )}
    </div>
  );
}

function PortRow({
  name,
  port,
  onChange,
  onRemove,
}: {
  readonly name: string;
  readonly port: NetworkPolicyPort;
  readonly onChange: (port: NetworkPolicyPort) => void;
  readonly onRemove: () => void;
}) {
  return (
    <div role="group" aria-label={name} className="grid grid-cols-[5.5rem_1fr_1fr_auto] gap-1.5">
      <SelectField
        label="Protocol"
        name={`${name} protocol`}
        hideLabel
        value={port.protocol ?? 'TCP'}
        options={PROTOCOL_CHOICES}
        onChange={(protocol) => onChange({ ...port, protocol })}
      />
      <TextField
        label="Port"
        name={`${name} number or name`}
        hideLabel
        value={port.port}
        placeholder="any port"
        mono
        parse={(t) => (t.trim() === '' ? { value: undefined } : parseTargetPort(t))}
        onCommit={(value) => {
          const rest = omit(port, 'port', 'endPort');
          // endPort needs a numeric port; a name or no port drops it, as the API requires.
          if (value === undefined) return onChange(rest);
          if (typeof value === 'string') return onChange({ ...rest, port: value });
          return onChange({
            ...rest,
            port: value,
            ...(port.endPort !== undefined && port.endPort >= value
              ? { endPort: port.endPort }
              : {}),
          });
        }}
      />
      <TextField
        label="End port"
        name={`${name} end port`}
        hideLabel
        value={port.endPort}
        placeholder="end (range)"
        mono
        disabled={typeof port.port !== 'number'}
        parse={(t) => {
          if (t.trim() === '') return { value: undefined };
          const parsed = parsePort(t);
          if ('error' in parsed) return parsed;
          if (typeof port.port !== 'number' || parsed.value < port.port) {
            return { error: 'The end port needs a numeric port no greater than it.' };
          }
          return parsed;
        }}
        onCommit={(endPort) => onChange(withOptional(port, 'endPort', endPort))}
      />
      <RemoveButton label={`Remove ${name.toLowerCase()}`} onClick={onRemove} />
    </div>
  );
}
