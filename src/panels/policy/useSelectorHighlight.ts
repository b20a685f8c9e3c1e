/**
 * Points out on the canvas what a selector picks while the pointer (or the keyboard focus) is
 * on it, and follows the selector as it is edited.
 */
import { useEffect, useMemo, useState } from 'react';
import {
  namespaceLabels,
  selectedRefs,
  type SelectorTarget,
} from '../../scenario/policySelection.ts';
import { appStore, useAppStore } from '../../store/appStore.ts';
import { selectCluster, selectModel } from '../../store/selectors.ts';

export interface HighlightHandlers {
  readonly onMouseEnter: () => void;
  readonly onMouseLeave: () => void;
  readonly onFocus: () => void;
  readonly onBlur: () => void;
}

export function useSelectorHighlight(target: SelectorTarget): HighlightHandlers {
  const [active, setActive] = useState(false);
  const model = useAppStore(selectModel);
  const cluster = useAppStore(selectCluster);
  const key = JSON.stringify(target);
  const refs = useMemo(() => {
    if (!active || !model) return null;
    const pods = model.pods;
    return selectedRefs(JSON.parse(key) as SelectorTarget, pods, namespaceLabels(cluster, pods));
  }, [active, model, cluster, key]);
  useEffect(() => {
    if (!refs) return;
    const { setHighlightedRefs } = appStore.getState();
    setHighlightedRefs(refs);
    return () => setHighlightedRefs([]);
  }, [refs]);
  return useMemo(
    () => ({
      onMouseEnter: () => setActive(true),
      onMouseLeave: () => setActive(false),
      onFocus: () => setActive(true),
      onBlur: () => setActive(false),
    }),
    [],
  );
}
