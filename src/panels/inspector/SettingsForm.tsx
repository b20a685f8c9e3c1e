/** Cluster-wide settings, shown when nothing is selected. */
import { useId } from 'react';
import type {
  ClusterSettings,
  CniMode,
  CniPlugin,
  IngressControllerType,
} from '../../engine/spec.ts';
import { appStore, useAppStore } from '../../store/appStore.ts';
import { checkCidr, checkClusterCidrs, checkNodePortRange } from '../../store/documentChecks.ts';
import {
  CNI_MODE_LABELS,
  CNI_MODES,
  CNI_PLUGIN_LABELS,
  INGRESS_CONTROLLERS,
  LOAD_BALANCER_MODES,
  PROXY_MODES,
  effectiveProxyMode,
  proxyFitsCni,
} from '../../scenario/document/clusterOptions.ts';
import { updateSettings } from '../../scenario/document/edits/updateElements.ts';
import { selectCluster, selectDiagnostics } from '../../store/selectors.ts';
import { KindIcon, KIND_TONE } from '../../ui/kinds.tsx';
import { useEdit } from './common.tsx';
import { SelectField, TextField } from './fields.tsx';
import { Section } from './formLayout.tsx';
import { asText, withCheck } from './fieldParsers.ts';

const PLUGINS = (Object.keys(CNI_PLUGIN_LABELS) as CniPlugin[]).map((value) => ({
  value,
  label: CNI_PLUGIN_LABELS[value],
}));

/** The modes of a CNI plugin with the words the engine gives them. */
function modesOf(plugin: CniPlugin): { value: CniMode; label: string }[] {
  const labels = CNI_MODE_LABELS[plugin] as Readonly<Record<string, string>>;
  return (CNI_MODES[plugin] as readonly CniMode[]).map((value) => ({
    value,
    label: labels[value] ?? value,
  }));
}

type ControllerChoice = 'none' | IngressControllerType;

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
  const current = () => appStore.getState().document.cluster;
  /** One of the cluster's address ranges: a CIDR, and what else `check` asks of it. */
  const cidrField = (
    field: 'clusterCidr' | 'serviceCidr' | 'nodeNetwork',
    label: string,
    check: (cidr: string) => string | null,
  ) => (
    <TextField
      label={label}
      value={s[field]}
      mono
      issue={issue(field)}
      parse={withCheck(asText, (c) => checkCidr(c) ?? check(c))}
      onCommit={(cidr) => set(field, (x) => ({ ...x, [field]: cidr.trim() }))}
    />
  );
  // The engine's word on the CNI choice for these nodes (Flannel host-gw across subnets).
  const cniIssue = issue('cni');

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
                // A proxy that needs another CNI gives way to the one that really runs.
                proxyMode: effectiveProxyMode(x.proxyMode, plugin),
              }))
            }
          />
          <SelectField
            label="CNI mode"
            value={s.cni.mode}
            options={modesOf(s.cni.plugin)}
            onChange={(mode) => set('cniMode', (x) => ({ ...x, cni: { ...x.cni, mode } }))}
          />
        </div>
        {cniIssue && (
          <p className="mt-2 text-[12px] leading-snug text-amber-800">{cniIssue.text}</p>
        )}
      </Section>

      <Section title="Services (kube-proxy)">
        <SelectField
          label="Service proxy"
          value={s.proxyMode}
          options={PROXY_MODES.map((o) => ({
            value: o.value,
            disabled: !proxyFitsCni(o.value, s.cni.plugin),
            label: proxyFitsCni(o.value, s.cni.plugin)
              ? o.label
              : `${o.label}: needs ${CNI_PLUGIN_LABELS[o.requiresCni as CniPlugin]}`,
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
        <SelectField<ControllerChoice>
          label="Ingress controller add-on"
          value={s.ingressController === false ? 'none' : (s.ingressControllerType ?? 'nginx')}
          options={[
            { value: 'none', label: 'None: Ingresses are not served' },
            ...INGRESS_CONTROLLERS.map((c) => ({ value: c.value, label: c.label })),
          ]}
          hint="Its pod and LoadBalancer Service appear with System pods on."
          onChange={(choice) =>
            set('ingressController', (x) =>
              choice === 'none'
                ? { ...x, ingressController: false }
                : { ...x, ingressController: true, ingressControllerType: choice },
            )
          }
        />
        <SelectField
          label="Cloud load balancers"
          value={s.loadBalancer ?? 'nodeport'}
          options={LOAD_BALANCER_MODES.map((m) => ({ value: m.value, label: m.label }))}
          hint={
            LOAD_BALANCER_MODES.find((m) => m.value === (s.loadBalancer ?? 'nodeport'))?.description
          }
          onChange={(loadBalancer) => set('loadBalancer', (x) => ({ ...x, loadBalancer }))}
        />
      </Section>

      <Section title="Address ranges">
        <div className="grid grid-cols-2 gap-3">
          {cidrField('clusterCidr', 'Cluster CIDR (pods)', (c) =>
            checkClusterCidrs(c, current().settings.serviceCidr),
          )}
          {cidrField('serviceCidr', 'Service CIDR', (c) =>
            checkClusterCidrs(current().settings.clusterCidr, c),
          )}
          {cidrField('nodeNetwork', 'Node network', () => null)}
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
