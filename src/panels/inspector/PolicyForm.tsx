import type {
  LabelSelector,
  LabelSelectorRequirement,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  NetworkPolicySpec,
} from '../../engine/spec.ts';
import { useAppStore } from '../../store/appStore.ts';
import {
  checkCidr,
  checkLabelKey,
  parsePort,
  parseTargetPort,
  takenNames,
} from '../../store/documentChecks.ts';
import { policyKey, updateNetworkPolicy, omit } from '../../store/documentEdits.ts';
import { selectCluster, selectPolicyTargets } from '../../store/selectors.ts';
import { FormHeader, useEdit, type FormProps } from './common.tsx';
import {
  asText,
  CheckboxField,
  commaList,
  ItemCard,
  Section,
  SelectField,
  SmallButton,
  TextField,
  withCheck,
} from './fields.tsx';
import { LabelsEditor } from './LabelsEditor.tsx';
import { NameAndNamespaceFields } from './NameFields.tsx';
import { peerKindOf, type PeerKind } from './policyPeers.ts';

type Direction = 'ingress' | 'egress';

const PEER_KINDS: readonly { value: PeerKind; label: string }[] = [
  { value: 'pods', label: 'Pods in this namespace' },
  { value: 'namespaces', label: 'All pods in namespaces' },
  { value: 'podsInNamespaces', label: 'Pods in namespaces' },
  { value: 'ipBlock', label: 'IP block (CIDR)' },
];

function peerOfKind(kind: PeerKind): NetworkPolicyPeer {
  switch (kind) {
    case 'pods':
      return { podSelector: { matchLabels: {} } };
    case 'namespaces':
      return { namespaceSelector: { matchLabels: {} } };
    case 'podsInNamespaces':
      return { podSelector: { matchLabels: {} }, namespaceSelector: { matchLabels: {} } };
    case 'ipBlock':
      return { ipBlock: { cidr: '0.0.0.0/0' } };
    default:
      return kind satisfies never;
  }
}

/** The expressions of a selector, one row each: key, operator, values. */
function Expressions({
  prefix,
  selector,
  onChange,
}: {
  readonly prefix: string;
  readonly selector: LabelSelector;
  readonly onChange: (expressions: LabelSelectorRequirement[]) => void;
}) {
  const list = selector.matchExpressions ?? [];
  const set = (i: number, patch: Partial<LabelSelectorRequirement>) =>
    onChange(list.map((e, j) => (j === i ? { ...e, ...patch } : e)));
  return (
    <div className="flex flex-col gap-1.5">
      {list.map((e, i) => {
        const n = i + 1;
        const needsValues = e.operator === 'In' || e.operator === 'NotIn';
        return (
          <div key={i} className="grid grid-cols-[1fr_0.9fr_1fr_auto] items-start gap-1.5">
            <TextField
              label="Key"
              name={`${prefix} expression ${n} key`}
              hideLabel
              value={e.key}
              mono
              parse={withCheck(asText, checkLabelKey)}
              onCommit={(key) => set(i, { key })}
            />
            <SelectField
              label="Operator"
              name={`${prefix} expression ${n} operator`}
              hideLabel
              value={e.operator}
              options={[
                { value: 'In', label: 'In' },
                { value: 'NotIn', label: 'NotIn' },
                { value: 'Exists', label: 'Exists' },
                { value: 'DoesNotExist', label: 'DoesNotExist' },
              ]}
              onChange={(operator) =>
                set(
                  i,
                  operator === 'Exists' || operator === 'DoesNotExist'
                    ? { operator, values: undefined }
                    : { operator },
                )
              }
            />
            <TextField
              label="Values"
              name={`${prefix} expression ${n} values`}
              hideLabel
              value={e.values ?? []}
              format={(v) => v.join(', ')}
              placeholder={needsValues ? 'a, b' : '—'}
              disabled={!needsValues}
              mono
              parse={withCheck(commaList, (v) =>
                needsValues && v.length === 0 ? 'In and NotIn need values.' : null,
              )}
              onCommit={(values) => set(i, { values })}
            />
            <SmallButton
              tone="danger"
              label={`Remove ${prefix.toLowerCase()} expression ${n}`}
              onClick={() => onChange(list.filter((_, j) => j !== i))}
            >
              ✕
            </SmallButton>
          </div>
        );
      })}
      <div>
        <SmallButton
          label={`Add ${prefix.toLowerCase()} expression`}
          onClick={() => onChange([...list, { key: 'app', operator: 'In', values: ['web'] }])}
        >
          + Add expression
        </SmallButton>
      </div>
    </div>
  );
}

function withExpressions(
  selector: LabelSelector,
  expressions: LabelSelectorRequirement[],
): LabelSelector {
  const rest = omit(selector, 'matchExpressions');
  const clean = expressions.map((e) =>
    e.values === undefined ? { key: e.key, operator: e.operator } : e,
  );
  return clean.length > 0 ? { ...rest, matchExpressions: clean } : rest;
}

export function PolicyForm({ elementKey, formId, onRekey }: FormProps) {
  const cluster = useAppStore(selectCluster);
  const targets = useAppStore(selectPolicyTargets);
  const edit = useEdit(formId);
  const policy = (cluster.networkPolicies ?? []).find((p) => policyKey(p) === elementKey);
  if (!policy) {
    return (
      <p className="px-5 py-4 text-[13px] text-slate-500">This NetworkPolicy no longer exists.</p>
    );
  }
  const namespace = policy.namespace ?? 'default';
  const selected = [...targets.entries()]
    .filter(([key, names]) => key.startsWith(`Pod/${namespace}/`) && names.includes(policy.name))
    .map(([key]) => key.split('/')[2]);
  const types = policy.policyTypes ?? (policy.egress ? ['Ingress', 'Egress'] : ['Ingress']);
  const update = (field: string, recipe: (p: NetworkPolicySpec) => NetworkPolicySpec) =>
    edit(field, (doc) => updateNetworkPolicy(doc, elementKey, recipe));
  const rulesOf = (d: Direction) => (d === 'ingress' ? policy.ingress : policy.egress) ?? [];
  const peersKey = (d: Direction) => (d === 'ingress' ? 'from' : 'to');
  const setRules = (d: Direction, rules: NonNullable<NetworkPolicySpec['ingress']>) =>
    update(`${d}`, (p) => ({ ...p, [d]: rules }));
  const setPeer = (d: Direction, ri: number, pi: number, peer: NetworkPolicyPeer) =>
    setRules(
      d,
      rulesOf(d).map((r, j) =>
        j !== ri
          ? r
          : {
              ...r,
              [peersKey(d)]: (
                (r as Record<string, NetworkPolicyPeer[] | undefined>)[peersKey(d)] ?? []
              ).map((x, k) => (k === pi ? peer : x)),
            },
      ),
    );
  const setPort = (d: Direction, ri: number, pi: number, port: NetworkPolicyPort | null) =>
    setRules(
      d,
      rulesOf(d).map((r, j) =>
        j !== ri
          ? r
          : {
              ...r,
              ports:
                port === null
                  ? (r.ports ?? []).filter((_, k) => k !== pi)
                  : (r.ports ?? []).map((x, k) => (k === pi ? port : x)),
            },
      ),
    );

  const direction = (d: Direction) => {
    const title =
      d === 'ingress'
        ? 'Ingress rules (who may connect in)'
        : 'Egress rules (where pods may connect)';
    const enabled = types.includes(d === 'ingress' ? 'Ingress' : 'Egress');
    const rules = rulesOf(d);
    const word = d === 'ingress' ? 'Ingress' : 'Egress';
    return (
      <Section
        title={title}
        actions={
          enabled ? (
            <SmallButton
              label={`Add ${d} rule`}
              onClick={() =>
                setRules(d, [...rules, { [peersKey(d)]: [{ podSelector: { matchLabels: {} } }] }])
              }
            >
              + Add rule
            </SmallButton>
          ) : undefined
        }
      >
        {!enabled ? (
          <p className="text-[12px] text-slate-500">
            Not restricted: the policy has no {word} type.
          </p>
        ) : rules.length === 0 ? (
          <p className="text-[12px] text-slate-700">
            No rules: all {d === 'ingress' ? 'incoming' : 'outgoing'} traffic of the selected pods
            is denied.
          </p>
        ) : null}
        {enabled &&
          rules.map((rule, ri) => {
            const r = ri + 1;
            const peers =
              (rule as Record<string, NetworkPolicyPeer[] | undefined>)[peersKey(d)] ?? [];
            const ports = rule.ports ?? [];
            const prefix = `${word} rule ${r}`;
            return (
              <ItemCard key={ri} name={prefix}>
                <div className="flex items-center">
                  <span className="text-[12px] font-semibold text-slate-700">
                    {prefix}: {d === 'ingress' ? 'from' : 'to'}
                  </span>
                  <span className="ml-auto flex gap-1">
                    <SmallButton
                      label={`Add peer to ${prefix.toLowerCase()}`}
                      onClick={() =>
                        setRules(
                          d,
                          rules.map((x, j) =>
                            j === ri
                              ? {
                                  ...x,
                                  [peersKey(d)]: [...peers, { podSelector: { matchLabels: {} } }],
                                }
                              : x,
                          ),
                        )
                      }
                    >
                      + Peer
                    </SmallButton>
                    <SmallButton
                      label={`Add port to ${prefix.toLowerCase()}`}
                      onClick={() =>
                        setRules(
                          d,
                          rules.map((x, j) =>
                            j === ri
                              ? { ...x, ports: [...ports, { protocol: 'TCP', port: 80 }] }
                              : x,
                          ),
                        )
                      }
                    >
                      + Port
                    </SmallButton>
                    <SmallButton
                      tone="danger"
                      label={`Remove ${prefix.toLowerCase()}`}
                      onClick={() =>
                        setRules(
                          d,
                          rules.filter((_, j) => j !== ri),
                        )
                      }
                    >
                      ✕
                    </SmallButton>
                  </span>
                </div>
                {peers.length === 0 && (
                  <p className="text-[12px] text-slate-500">
                    Any source or destination (no peers listed).
                  </p>
                )}
                {peers.map((peer, pi) => {
                  const p = pi + 1;
                  const kind = peerKindOf(peer);
                  const peerName = `${prefix} peer ${p}`;
                  return (
                    <div key={pi} className="flex flex-col gap-1.5 border-t border-slate-100 pt-2">
                      <div className="grid grid-cols-[1fr_auto] items-end gap-2">
                        <SelectField
                          label={`Peer ${p}`}
                          name={`${peerName} kind`}
                          value={kind}
                          options={PEER_KINDS}
                          onChange={(k) => setPeer(d, ri, pi, peerOfKind(k))}
                        />
                        <SmallButton
                          tone="danger"
                          label={`Remove ${peerName.toLowerCase()}`}
                          onClick={() =>
                            setRules(
                              d,
                              rules.map((x, j) =>
                                j === ri
                                  ? { ...x, [peersKey(d)]: peers.filter((_, k) => k !== pi) }
                                  : x,
                              ),
                            )
                          }
                        >
                          ✕
                        </SmallButton>
                      </div>
                      {peer.podSelector && (
                        <LabelsEditor
                          title="Pod selector"
                          noun={`${peerName} pod label`}
                          labels={peer.podSelector.matchLabels ?? {}}
                          emptyText="Empty: every pod."
                          onCommit={(matchLabels) =>
                            setPeer(d, ri, pi, {
                              ...peer,
                              podSelector: { ...peer.podSelector, matchLabels },
                            })
                          }
                        />
                      )}
                      {peer.namespaceSelector && (
                        <LabelsEditor
                          title="Namespace selector"
                          noun={`${peerName} namespace label`}
                          labels={peer.namespaceSelector.matchLabels ?? {}}
                          emptyText="Empty: every namespace. Tip: kubernetes.io/metadata.name=<name> picks one."
                          onCommit={(matchLabels) =>
                            setPeer(d, ri, pi, {
                              ...peer,
                              namespaceSelector: { ...peer.namespaceSelector, matchLabels },
                            })
                          }
                        />
                      )}
                      {peer.ipBlock && (
                        <div className="grid grid-cols-2 gap-2">
                          <TextField
                            label="CIDR"
                            name={`${peerName} CIDR`}
                            value={peer.ipBlock.cidr}
                            mono
                            parse={withCheck(asText, (c) => checkCidr(c.trim()))}
                            onCommit={(cidr) =>
                              setPeer(d, ri, pi, {
                                ipBlock: { ...peer.ipBlock!, cidr: cidr.trim() },
                              })
                            }
                          />
                          <TextField
                            label="Except"
                            name={`${peerName} except`}
                            value={peer.ipBlock.except ?? []}
                            format={(v) => v.join(', ')}
                            placeholder="none"
                            mono
                            parse={withCheck(
                              commaList,
                              (list) => list.map(checkCidr).find(Boolean) ?? null,
                            )}
                            onCommit={(except) => {
                              const block = omit(peer.ipBlock!, 'except');
                              setPeer(d, ri, pi, {
                                ipBlock: except.length > 0 ? { ...block, except } : block,
                              });
                            }}
                          />
                        </div>
                      )}
                    </div>
                  );
                })}
                {ports.length > 0 && (
                  <div className="flex flex-col gap-1.5 border-t border-slate-100 pt-2">
                    <span className="text-[11px] font-semibold tracking-wide text-slate-500 uppercase">
                      Ports
                    </span>
                    {ports.map((port, pi) => {
                      const p = pi + 1;
                      const name = `${prefix} port ${p}`;
                      return (
                        <div
                          key={pi}
                          className="grid grid-cols-[0.8fr_1fr_1fr_auto] items-start gap-1.5"
                        >
                          <SelectField
                            label="Protocol"
                            name={`${name} protocol`}
                            hideLabel
                            value={port.protocol ?? 'TCP'}
                            options={[
                              { value: 'TCP', label: 'TCP' },
                              { value: 'UDP', label: 'UDP' },
                              { value: 'SCTP', label: 'SCTP' },
                            ]}
                            onChange={(protocol) => setPort(d, ri, pi, { ...port, protocol })}
                          />
                          <TextField
                            label="Port"
                            name={`${name} number or name`}
                            hideLabel
                            value={port.port}
                            placeholder="any"
                            mono
                            parse={(t) =>
                              t.trim() === '' ? { value: undefined } : parseTargetPort(t)
                            }
                            onCommit={(value) => {
                              const rest = omit(port, 'port');
                              setPort(
                                d,
                                ri,
                                pi,
                                value === undefined ? rest : { ...rest, port: value },
                              );
                            }}
                          />
                          <TextField
                            label="End port"
                            name={`${name} end`}
                            hideLabel
                            value={port.endPort}
                            placeholder="end (optional)"
                            mono
                            parse={(t) => {
                              if (t.trim() === '') return { value: undefined };
                              const parsed = parsePort(t);
                              if ('error' in parsed) return parsed;
                              if (typeof port.port !== 'number' || parsed.value < port.port) {
                                return {
                                  error: 'endPort needs a numeric port no greater than it.',
                                };
                              }
                              return parsed;
                            }}
                            onCommit={(endPort) => {
                              const rest = omit(port, 'endPort');
                              setPort(
                                d,
                                ri,
                                pi,
                                endPort === undefined ? rest : { ...rest, endPort },
                              );
                            }}
                          />
                          <SmallButton
                            tone="danger"
                            label={`Remove ${name.toLowerCase()}`}
                            onClick={() => setPort(d, ri, pi, null)}
                          >
                            ✕
                          </SmallButton>
                        </div>
                      );
                    })}
                  </div>
                )}
              </ItemCard>
            );
          })}
      </Section>
    );
  };

  return (
    <div>
      <FormHeader
        kind="NetworkPolicy"
        name={policy.name}
        elementKey={elementKey}
        subtitle={`selects ${selected.length} pod${selected.length === 1 ? '' : 's'}${selected.length ? `: ${selected.slice(0, 4).join(', ')}${selected.length > 4 ? '…' : ''}` : ''}`}
      />
      <Section title="Policy">
        <div className="grid grid-cols-2 gap-3">
          <NameAndNamespaceFields
            elementKey={elementKey}
            formId={formId}
            onRekey={onRekey}
            kind="NetworkPolicy"
            value={policy.name}
            taken={takenNames(cluster.networkPolicies, namespace, policy.name)}
            namespace={namespace}
          />
        </div>
        <div className="flex gap-6">
          {(['Ingress', 'Egress'] as const).map((t) => (
            <CheckboxField
              key={t}
              label={`Restrict ${t.toLowerCase()}`}
              checked={types.includes(t)}
              onChange={(on) =>
                update('types', (p) => {
                  const next = on ? [...new Set([...types, t])] : types.filter((x) => x !== t);
                  const list = (['Ingress', 'Egress'] as const).filter((x) => next.includes(x));
                  const key = t === 'Ingress' ? 'ingress' : 'egress';
                  return {
                    ...p,
                    policyTypes: list,
                    ...(on && !p[key] ? { [key]: [] } : {}),
                  };
                })
              }
            />
          ))}
        </div>
      </Section>
      <Section title="Pod selector">
        <LabelsEditor
          title="Match labels"
          noun="Pod selector label"
          labels={policy.podSelector.matchLabels ?? {}}
          emptyText="Empty: the policy selects every pod in its namespace."
          note={selected.length === 0 ? `This selector matches no pod in ${namespace}.` : undefined}
          onCommit={(matchLabels) =>
            update('podSelector', (p) => ({ ...p, podSelector: { ...p.podSelector, matchLabels } }))
          }
        />
        <Expressions
          prefix="Pod selector"
          selector={policy.podSelector}
          onChange={(list) =>
            update('podSelector.expr', (p) => ({
              ...p,
              podSelector: withExpressions(p.podSelector, list),
            }))
          }
        />
      </Section>
      {direction('ingress')}
      {direction('egress')}
    </div>
  );
}
