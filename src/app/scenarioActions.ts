/**
 * The scenario commands the menu, the dialogs and the link loader share: every way in goes
 * through the store's loadScenario (so the current work lands in Recent), every way out starts
 * from the same "current work" (the document with the flow last sent and the selected hop).
 */
import type { Probe } from '../engine/trace.ts';
import type { ScenarioDocument } from '../scenario/scenarioDocument.ts';
import { wrapScenario, type ViewState } from '../scenario/envelopeFormat.ts';
import type { AppStore } from '../store/appStore.ts';
import { currentWork, type LoadOptions } from '../store/scenarioLibrarySlice.ts';
import { downloadFile, fileNameFor } from '../ui/downloadFile.ts';
import { prefetchWhenIdle } from '../ui/lazyPart.tsx';

// The YAML writers and the link codec arrive on first use, not with the page.
const loadKubeYaml = () => import('../scenario/kubeYaml/index.ts');
const loadShareLink = () => import('../scenario/shareLink.ts');
prefetchWhenIdle(loadKubeYaml);
prefetchWhenIdle(loadShareLink);

export interface ShareLink {
  readonly url: string;
  /** The same link for an iframe: read-only canvas and playback, no editing chrome. */
  readonly embedUrl: string;
  /** The same link opening straight into presenter mode, for a class. */
  readonly presentUrl: string;
  readonly scenario: ScenarioDocument;
  readonly view: ViewState;
  /** The shared hop in words: `the request at node-1 · flannel.1`. */
  readonly hopLabel: string | null;
}

/** The page's address without query or fragment: where links point. */
export function appBaseUrl(location: Pick<Location, 'origin' | 'pathname'>): string {
  return `${location.origin}${location.pathname}`;
}

export async function makeShareLink(store: AppStore, base: string): Promise<ShareLink> {
  const { encodeShareFragment } = await loadShareLink();
  const state = store.getState();
  const { scenario, view } = currentWork(state);
  const fragment = encodeShareFragment(scenario, view);
  const step =
    view.hop === undefined ? null : state.steps.find((s) => s.id === state.selectedStepId);
  const where = step
    ? [step.hop.location.node, step.hop.location.device].filter(Boolean).join(' · ')
    : '';
  const hopLabel = step ? `the ${step.phase}${where ? ` at ${where}` : ''}` : null;
  return {
    url: `${base}#${fragment}`,
    embedUrl: `${base}?embed#${fragment}`,
    presentUrl: `${base}?present#${fragment}`,
    scenario,
    view,
    hopLabel,
  };
}

/**
 * Opens a scenario and says so, offering the work it put aside. Returns the Recent id of that
 * work, if any.
 */
export function openScenario(
  store: AppStore,
  document: ScenarioDocument,
  options: LoadOptions & { readonly from: string },
): string | null {
  const previous = store.getState().document.title;
  const keptId = store.getState().loadScenario(document, options);
  store.getState().showNotice({
    tone: 'info',
    text: keptId
      ? `Opened “${document.title}” ${options.from}. Your previous work, “${previous}”, is in Recent.`
      : `Opened “${document.title}” ${options.from}.`,
    ...(keptId ? { reopenId: keptId } : {}),
  });
  return keptId;
}

export function exportScenarioFile(store: AppStore): void {
  const { scenario, view } = currentWork(store.getState());
  downloadFile(
    `${JSON.stringify(wrapScenario(scenario, view), null, 2)}\n`,
    fileNameFor(scenario.title, '.podpath.json'),
    'application/json',
  );
}

/**
 * The manifests to `kubectl apply`, offered only once every object passes the Kubernetes OpenAPI
 * schemas (loaded now, not with the page); when one fails, a notice names it and nothing is saved.
 */
export async function exportManifestsFile(store: AppStore): Promise<void> {
  const { document } = store.getState();
  const { exportManifests, toManifestObjects } = await loadKubeYaml();
  const { validateManifests } = await import('../scenario/kubeYaml/validateManifests.ts');
  const problems = await validateManifests(toManifestObjects(document.cluster));
  if (problems.length > 0) {
    const [first] = problems;
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    store.getState().showNotice({
      tone: 'error',
      text: `The manifests were not exported: ${first.object} does not pass the Kubernetes OpenAPI schema: ${first.message}${more}.`,
    });
    return;
  }
  downloadFile(
    exportManifests(document.cluster, document),
    fileNameFor(document.title, '.yaml'),
    'application/yaml',
  );
}

/** Everything PodPath knows about the cluster (nodes, addresses, status), to import again. */
export async function exportSnapshotFile(store: AppStore): Promise<void> {
  const { exportClusterSnapshot } = await loadKubeYaml();
  const { document } = store.getState();
  downloadFile(
    exportClusterSnapshot(document.cluster, document),
    fileNameFor(document.title, '.snapshot.yaml'),
    'application/yaml',
  );
}

/** A flow in words: `client → web:80 (TCP)`. */
export function describeFlow(flow: Probe): string {
  const from = flow.from.name;
  const to = (() => {
    switch (flow.to.kind) {
      case 'pod':
      case 'name':
        return flow.to.name;
      case 'ip':
        return flow.to.ip;
      case 'url':
        return flow.to.url;
      case 'localhost':
        return 'localhost';
      default:
        return flow.to satisfies never;
    }
  })();
  const port = flow.port !== undefined && flow.to.kind !== 'url' ? `:${flow.port}` : '';
  return `${from} → ${to}${port}${flow.protocol && flow.protocol !== 'TCP' ? ` (${flow.protocol})` : ''}`;
}
