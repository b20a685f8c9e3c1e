/** The side panel's parts, shared by the desktop layout and the phone's sheets. */
import { Diagnostics } from '../panels/Diagnostics.tsx';
import { HopList } from '../panels/HopList.tsx';
import { SidePanelTabs } from '../panels/inspector/SidePanelTabs.tsx';
import { ProbeBar } from '../panels/ProbeBar.tsx';
import { useAppStore } from '../store/appStore.ts';
import { selectLoadCount } from '../store/selectors.ts';
import { ErrorBoundary } from './ErrorBoundary.tsx';

/** The probe form; a newly loaded scenario gets a fresh one, starting from its flow. */
export function ProbeForm() {
  const loadCount = useAppStore(selectLoadCount);
  return (
    <ErrorBoundary area="The probe form">
      <ProbeBar key={loadCount} />
    </ErrorBoundary>
  );
}

/** The trace of the last packet and the inspector, as tabs. */
export function SidePanel() {
  return (
    <ErrorBoundary area="The side panel">
      <SidePanelTabs
        trace={
          <>
            <HopList />
            <Diagnostics />
          </>
        }
      />
    </ErrorBoundary>
  );
}
