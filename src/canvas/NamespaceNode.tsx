import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { namespaceTone } from '../ui/kinds.tsx';
import { CardShell, CardTitle, FarCard, sameCard } from './Card.tsx';
import { useAppStore } from '../store/appStore.ts';
import { selectIsHighlighted } from '../store/selectors.ts';
import { highlightRing, POINTED_OUT } from './kindStyles.ts';
import { useFarView } from './useFarView.ts';
import { Chip } from './Chip.tsx';
import type { NamespaceFlowNode } from './flowTypes.ts';
import { labelTexts } from './layoutCluster.ts';

/** A namespace: its tag (colour and shape, as on the cards of what is in it) and its labels. */
function Namespace({ data }: NodeProps<NamespaceFlowNode>) {
  const { namespace, highlight } = data;
  const far = useFarView();
  // A namespaceSelector under the pointer in the policy workbench picks this namespace.
  const pointedOut = useAppStore(selectIsHighlighted(namespace.key)) ? POINTED_OUT : '';
  if (far) {
    return (
      <FarCard
        kind="Namespace"
        name={namespace.name}
        className={`border-slate-300 bg-white ${highlightRing(highlight)} ${pointedOut}`}
      />
    );
  }
  const tone = namespaceTone(namespace.name);
  const labels = labelTexts(namespace.labels);
  return (
    <CardShell
      kind="Namespace"
      highlight={highlight}
      className={`border-slate-300 bg-white ${namespace.system ? 'pp-system' : ''} ${pointedOut}`}
    >
      <CardTitle
        kind="Namespace"
        name={namespace.name}
        extra={
          <span
            aria-hidden="true"
            className={`inline-block h-2.5 w-2.5 shrink-0 ${tone.dot} ${tone.shape}`}
          />
        }
        badge={
          <span className="rounded bg-slate-700 px-1.5 py-px text-[10px] font-semibold text-white">
            NS
          </span>
        }
      />
      {labels.length > 0 && (
        <div className="mt-[6px] flex flex-wrap gap-1">
          {labels.map((t) => (
            <Chip key={t} text={t} tone="muted" />
          ))}
        </div>
      )}
      <div className="h-[20px] text-[12px] text-slate-600">
        {namespace.podCount} pod{namespace.podCount === 1 ? '' : 's'}
        {namespace.system ? ' · cluster add-ons' : ''}
      </div>
    </CardShell>
  );
}

export const NamespaceNode = memo(Namespace, sameCard);
