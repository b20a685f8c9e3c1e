import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { namespaceTone } from '../ui/kinds.tsx';
import { KindCard, sameCard } from './Card.tsx';
import { counted, LabelChips } from './cardRows.tsx';
import { useAppStore } from '../store/appStore.ts';
import { selectIsHighlighted } from '../store/selectors.ts';
import { POINTED_OUT } from './kindStyles.ts';
import type { NamespaceFlowNode } from './flowTypes.ts';
import { labelTexts } from './layoutCluster.ts';

/** A namespace: its tag (colour and shape, as on the cards of what is in it) and its labels. */
function Namespace({ data }: NodeProps<NamespaceFlowNode>) {
  const { namespace, highlight } = data;
  // A namespaceSelector under the pointer in the policy workbench picks this namespace.
  const pointedOut = useAppStore(selectIsHighlighted(namespace.key)) ? POINTED_OUT : '';
  const tone = namespaceTone(namespace.name);
  return (
    <KindCard
      kind="Namespace"
      name={namespace.name}
      highlight={highlight}
      className={pointedOut}
      system={namespace.system}
      extra={
        <span
          aria-hidden="true"
          className={`inline-block h-2.5 w-2.5 shrink-0 ${tone.dot} ${tone.shape}`}
        />
      }
      label="NS"
    >
      {() => {
        const labels = labelTexts(namespace.labels);
        return (
          <>
            {labels.length > 0 && <LabelChips texts={labels} tone="muted" />}
            <div className="h-[20px] text-[12px] text-slate-600">
              {counted(namespace.podCount, 'pod')}
              {namespace.system ? ' · cluster add-ons' : ''}
            </div>
          </>
        );
      }}
    </KindCard>
  );
}

export const NamespaceNode = memo(Namespace, sameCard);
