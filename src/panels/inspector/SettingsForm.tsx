/** Cluster-wide settings, shown when nothing is selected. */
import { useId } from 'react';
import type { ClusterSettings, CniMode, CniPlugin, ProxyMode } from '../../engine/spec.ts';
import { appStore, useAppStore } from '../../store/appStore.ts';
import { checkCidr, checkClusterCidrs, checkNodePortRange } from '../../store/documentChecks.ts';
import { CNI_MODES, updateSettings } from '../../store/documentEdits.ts';
import { selectCluster, selectDiagnostics } from '../../store/selectors.ts';
import { KindIcon, KIND_TONE } from '../../ui/kinds.tsx';
import { useEdit } from './common.tsx';
import { asText, CheckboxField, Section, SelectField, TextField, withCheck } from './fields.tsx';

const PLUGINS: readonly { value: CniPlugin; label: string }[] = [
  { value: 'flannel', label: 'Flannel' },
  { value: 'calico', label: 'Calico' },
  { value: 'cilium', label: 'Cilium' },
  { value: 'weave', label: 'Weave Net' },
];

const MODE_TEXT: Record<string, string> = {
  vxlan: 'VXLAN overlay',
  'host-gw': 'host-gw (routes, no overlay)',
  bgp: 'BGP (routes, no overlay)',
  ipip: 'IP-in-IP overlay',
  geneve: 'Geneve overlay',
  native: 'native routing',
  fastdp: 'fast datapath (kernel VXLAN)',
  sleeve: 'sleeve (userspace UDP)',
};

const PROXY_MODES: readonly { value: ProxyMode; label: string }[] = [
  { value: 'iptables', label: 'iptables' },
  { value: 'ipvs', label: 'IPVS' },
  { value: 'nftables', label: 'nftables' },
  { value: 'ebpf', label: 'eBPF (Cilium kube-proxy replacement)' },
];

export function SettingsForm() {
  const cluster = useAppStore(selectCluster);
  const diagnostics = useAppStore(selectDiagnostics);
  const edit = useEdit('settings');
  const headingId = useId();
  const s = cluster.settings;
  const set = (field: string, recipe: (settings: ClusterSettings) => ClusterSettings) =>
    edit(field, (doc) => updateSettings(doc, recipe));
  const issue = (field: string) => {
    const d = diagnostics?.find((x) => x.field === `settings.${field}` && x.severity !== 'error');
    return d ? { tone: 'warning' as const, text: d.message } : null;
  };
  const modes = CNI_MODES[s.cni.plugin] as readonly CniMode[];
  const current = () => appStore.getState().document.cluster;

  return (
    <div aria-labelledby={headingId}>
      <header className="flex items-start gap-3 px-5 pt-4 pb-3">
        <span
          className={`grid h-9 w-9 shrink-0 place-items-center rounded-lg border ${KIND_TONE.Cluster.chip}`}
        >
          <KindIcon kind="Cluster" className={`h-5 w-5 ${KIND_TONE.Cluster.icon}`} />
        </span>
        <div>
          <p className="text-[11px] font-semibold tracking-wide text-slate-500 uppercase">
            Nothing selected
          </p>
          <h2 id={headingId} className="text-[16px] font-semibold text-slate-900">
            Cluster settings
          </h2>
          <p className="text-[12px] text-slate-600">
            Select an element on the canvas to edit it; change these and replay the same flow to see
            what differs.
          </p>
        </div>
      </header>

      <Section title="Pod network (CNI)">
        <div className="grid grid-cols-2 gap-3">
          <SelectField
            label="CNI plugin"
            value={s.cni.plugin}
            options={PLUGINS}
            onChange={(plugin) =>
              set('cni', (x) => ({
                ...x,
                cni: { plugin, mode: CNI_MODES[plugin][0] },
                // The eBPF kube-proxy replacement comes with Cilium only.
                ...(plugin !== 'cilium' && x.proxyMode === 'ebpf' ? { proxyMode: 'iptables' } : {}),
              }))
            }
            hint={
              s.cni.plugin !== 'cilium' && s.proxyMode === 'ebpf'
                ? 'kube-proxy went back to iptables: eBPF needs Cilium.'
                : undefined
            }
          />
          <SelectField
            label="CNI mode"
            value={s.cni.mode}
            options={modes.map((m) => ({ value: m, label: MODE_TEXT[m] ?? m }))}
            onChange={(mode) => set('cniMode', (x) => ({ ...x, cni: { ...x.cni, mode } }))}
          />
        </div>
      </Section>

      <Section title="Services (kube-proxy)">
        <SelectField
          label="kube-proxy mode"
          value={s.proxyMode}
          options={PROXY_MODES.map((o) => ({
            ...o,
            disabled: o.value === 'ebpf' && s.cni.plugin !== 'cilium',
            label:
              o.value === 'ebpf' && s.cni.plugin !== 'cilium'
                ? `${o.label}: needs Cilium`
                : o.label,
          }))}
          onChange={(proxyMode) => set('proxyMode', (x) => ({ ...x, proxyMode }))}
        />
        <TextField
          label="NodePort range"
          value={s.nodePortRange}
          mono
          parse={withCheck(asText, (text) => checkNodePortRange(current(), text))}
          onCommit={(nodePortRange) =>
            set('nodePortRange', (x) => ({ ...x, nodePortRange: nodePortRange.trim() }))
          }
        />
        <CheckboxField
          label="Ingress controller add-on (ingress-nginx)"
          checked={s.ingressController ?? true}
          hint="Its pod and LoadBalancer Service appear with System pods on; Ingresses need it."
          onChange={(ingressController) =>
            set('ingressController', (x) => ({ ...x, ingressController }))
          }
        />
      </Section>

      <Section title="Address ranges">
        <div className="grid grid-cols-2 gap-3">
          <TextField
            label="Cluster CIDR (pods)"
            value={s.clusterCidr}
            mono
            issue={issue('clusterCidr')}
            parse={withCheck(
              asText,
              (c) => checkCidr(c) ?? checkClusterCidrs(c, current().settings.serviceCidr),
            )}
            onCommit={(clusterCidr) =>
              set('clusterCidr', (x) => ({ ...x, clusterCidr: clusterCidr.trim() }))
            }
          />
          <TextField
            label="Service CIDR"
            value={s.serviceCidr}
            mono
            issue={issue('serviceCidr')}
            parse={withCheck(
              asText,
              (c) => checkCidr(c) ?? checkClusterCidrs(current().settings.clusterCidr, c),
            )}
            onCommit={(serviceCidr) =>
              set('serviceCidr', (x) => ({ ...x, serviceCidr: serviceCidr.trim() }))
            }
          />
          <TextField
            label="Node network"
            value={s.nodeNetwork}
            mono
            issue={issue('nodeNetwork')}
            parse={withCheck(asText, checkCidr)}
            onCommit={(nodeNetwork) =>
              set('nodeNetwork', (x) => ({ ...x, nodeNetwork: nodeNetwork.trim() }))
            }
          />
          <TextField<number>
            label="Node pod CIDR size"
            value={s.nodeCidrMaskSize ?? 24}
            format={(v) => `/${v}`}
            mono
            hint="Each node's block of the cluster CIDR."
            parse={(t) => {
              const n = Number(t.trim().replace(/^\//, ''));
              return Number.isInteger(n) && n >= 8 && n <= 30
                ? { value: n }
                : { error: 'A prefix length from /8 to /30.' };
            }}
            onCommit={(mask) => set('nodeCidrMaskSize', (x) => ({ ...x, nodeCidrMaskSize: mask }))}
          />
          <TextField
            label="Cluster domain"
            value={s.clusterDomain}
            mono
            parse={withCheck(asText, (d) =>
              /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(d.trim())
                ? null
                : 'A DNS domain like cluster.local.',
            )}
            onCommit={(clusterDomain) =>
              set('clusterDomain', (x) => ({ ...x, clusterDomain: clusterDomain.trim() }))
            }
          />
        </div>
      </Section>
    </div>
  );
}
