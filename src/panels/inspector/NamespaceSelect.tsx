import { useAppStore } from '../../store/appStore.ts';
import { namespaceNames } from '../../scenario/document/edits/documentQueries.ts';
import { SYSTEM_NAMESPACES } from '../../scenario/document/clusterOptions.ts';
import { selectCluster } from '../../store/selectors.ts';
import { choicesOf, SelectField } from './fields.tsx';

const SYSTEM = new Set(SYSTEM_NAMESPACES);

/** Moves a namespaced object to another namespace the scenario has. */
export function NamespaceSelect({
  value,
  onChange,
}: {
  readonly value: string;
  readonly onChange: (namespace: string) => void;
}) {
  const cluster = useAppStore(selectCluster);
  const names = namespaceNames(cluster).filter((n) => !SYSTEM.has(n));
  return (
    <SelectField
      label="Namespace"
      value={value}
      options={choicesOf(names)}
      onChange={onChange}
      hint={names.length === 1 ? 'Add a namespace from the palette to have a choice.' : undefined}
    />
  );
}
