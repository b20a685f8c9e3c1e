/** The pod's DNS policy and dnsConfig, with the resolv.conf the engine says the kubelet writes. */
import type { DnsPolicy, PodDnsConfig, PodSpec } from '../../engine/spec.ts';
import { DNS_POLICIES } from '../../scenario/document/clusterOptions.ts';
import { checkIpv4 } from '../../store/documentChecks.ts';
import { omit, withOptional } from '../../scenario/document/edits/editKit.ts';
import { isDnsSubdomain } from '../../scenario/document/kubeNames.ts';
import { choicesOf, SelectField, TextField } from './fields.tsx';
import { Fact } from './formLayout.tsx';
import { commaList, type Parsed } from './fieldParsers.ts';

const POLICY_HINT: Record<DnsPolicy, string> = {
  ClusterFirst: 'Cluster DNS first (a hostNetwork pod falls back to the node’s resolver).',
  ClusterFirstWithHostNet: 'Cluster DNS, even for a hostNetwork pod.',
  Default: 'The node’s resolver: no cluster names.',
  None: 'Only what dnsConfig gives: at least one nameserver.',
};

const addresses = (text: string): Parsed<readonly string[]> => {
  const parsed = commaList(text);
  if ('error' in parsed) return parsed;
  const bad = parsed.value.map((v) => checkIpv4(v)).find((e) => e !== null);
  if (bad) return { error: bad };
  if (parsed.value.length > 3) return { error: 'at most 3 nameservers' };
  return parsed;
};

const domains = (text: string): Parsed<readonly string[]> => {
  const parsed = commaList(text);
  if ('error' in parsed) return parsed;
  const bad = parsed.value.find((v) => !isDnsSubdomain(v.replace(/\.$/, '')));
  if (bad !== undefined) return { error: `"${bad}" is not a valid domain` };
  if (parsed.value.length > 32) return { error: 'at most 32 search domains' };
  return parsed;
};

/** Sets one list of dnsConfig, dropping the list (and dnsConfig) when it becomes empty. */
function withConfig(p: PodSpec, key: 'nameservers' | 'searches', list: readonly string[]): PodSpec {
  const config: PodDnsConfig = {
    ...omit(p.dnsConfig ?? {}, key),
    ...(list.length ? { [key]: list } : {}),
  };
  const rest = omit(p, 'dnsConfig');
  return Object.keys(config).length ? { ...rest, dnsConfig: config } : rest;
}

export function DnsPolicyFields({
  pod,
  resolvConf,
  why,
  onEdit,
}: {
  readonly pod: PodSpec;
  readonly resolvConf?: readonly string[];
  readonly why?: string;
  readonly onEdit: (field: string, recipe: (p: PodSpec) => PodSpec) => void;
}) {
  const policy = pod.dnsPolicy ?? 'ClusterFirst';
  const needsNameserver = policy === 'None' && !pod.dnsConfig?.nameservers?.length;
  return (
    <div className="mt-3 grid grid-cols-2 gap-3">
      <SelectField
        label="DNS policy"
        value={policy}
        options={choicesOf(DNS_POLICIES)}
        hint={POLICY_HINT[policy]}
        onChange={(dnsPolicy) =>
          onEdit('dnsPolicy', (p) => withOptional(p, 'dnsPolicy', dnsPolicy, 'ClusterFirst'))
        }
      />
      {(
        [
          ['nameservers', 'Extra nameservers', addresses],
          ['searches', 'Extra search domains', domains],
        ] as const
      ).map(([key, label, parse]) => (
        <TextField
          key={key}
          label={label}
          value={pod.dnsConfig?.[key] ?? []}
          format={(v) => v.join(', ')}
          placeholder="none"
          mono
          parse={parse}
          issue={
            key === 'nameservers' && needsNameserver
              ? { tone: 'error', text: 'dnsPolicy None needs at least one nameserver' }
              : undefined
          }
          onCommit={(list) => onEdit('dnsConfig', (p) => withConfig(p, key, list))}
        />
      ))}
      {resolvConf && (
        <dl className="col-span-2">
          <Fact label="/etc/resolv.conf" wide>
            <pre className="font-mono text-[12px] whitespace-pre-wrap">{resolvConf.join('\n')}</pre>
            {why && <span className="text-[12px] text-slate-500">{why}</span>}
          </Fact>
        </dl>
      )}
    </div>
  );
}
