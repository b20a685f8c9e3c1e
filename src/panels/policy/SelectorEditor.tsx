/**
 * A metav1.LabelSelector: matchLabels as key=value rows and matchExpressions as key, operator
 * and values. Both lists are AND-ed; an empty selector selects everything.
 */
import type { LabelSelector, LabelSelectorRequirement } from '../../engine/spec.ts';
import { checkLabelKey, checkLabelValue } from '../../store/documentChecks.ts';
import { omit } from '../../scenario/document/edits/editKit.ts';
import { choicesOf, SelectField, TextField } from '../inspector/fields.tsx';
import { RemoveButton, SmallButton } from '../inspector/formLayout.tsx';
import { asText, commaList, withCheck } from '../inspector/fieldParsers.ts';
import { LabelsEditor } from '../inspector/LabelsEditor.tsx';

const OPERATORS = choicesOf(['In', 'NotIn', 'Exists', 'DoesNotExist'] as const);

const checkValues = (operator: LabelSelectorRequirement['operator']) => (values: string[]) => {
  const needs = operator === 'In' || operator === 'NotIn';
  if (needs && values.length === 0) return `${operator} needs at least one value.`;
  return values.map(checkLabelValue).find(Boolean) ?? null;
};

/** The selector with its expressions replaced; an empty list leaves the field out. */
export function withExpressions(
  selector: LabelSelector,
  expressions: readonly LabelSelectorRequirement[],
): LabelSelector {
  const rest = omit(selector, 'matchExpressions');
  return expressions.length > 0 ? { ...rest, matchExpressions: expressions } : rest;
}

/** The selector with its labels replaced; no labels leaves the field out. */
export function withLabels(
  selector: LabelSelector,
  labels: Readonly<Record<string, string>>,
): LabelSelector {
  const rest = omit(selector, 'matchLabels');
  return Object.keys(labels).length > 0 ? { ...rest, matchLabels: labels } : rest;
}

export function SelectorEditor({
  title,
  noun,
  selector,
  emptyText,
  onChange,
}: {
  /** The visible heading ("Pod selector"). */
  readonly title: string;
  /** What the selector is called in accessible names ("Pod selector", "Ingress rule 1 peer 1 namespace selector"). */
  readonly noun: string;
  readonly selector: LabelSelector;
  readonly emptyText: string;
  readonly onChange: (selector: LabelSelector) => void;
}) {
  const expressions = selector.matchExpressions ?? [];
  const setExpression = (i: number, next: LabelSelectorRequirement) =>
    onChange(
      withExpressions(
        selector,
        expressions.map((e, j) => (j === i ? next : e)),
      ),
    );
  return (
    <div className="flex flex-col gap-1.5">
      <LabelsEditor
        title={`${title}: match labels`}
        noun={`${noun} label`}
        labels={selector.matchLabels ?? {}}
        emptyText={expressions.length === 0 ? emptyText : undefined}
        onCommit={(labels) => onChange(withLabels(selector, labels))}
      />
      {expressions.map((e, i) => {
        const n = i + 1;
        const name = `${noun} expression ${n}`;
        const needsValues = e.operator === 'In' || e.operator === 'NotIn';
        return (
          <div
            key={i}
            role="group"
            aria-label={name}
            className="grid grid-cols-[1fr_7.5rem_1fr_auto] items-start gap-1.5"
          >
            <TextField
              label="Key"
              name={`${name} key`}
              hideLabel
              value={e.key}
              placeholder="key"
              mono
              parse={withCheck(asText, checkLabelKey)}
              onCommit={(key) => setExpression(i, { ...e, key })}
            />
            <SelectField
              label="Operator"
              name={`${name} operator`}
              hideLabel
              value={e.operator}
              options={OPERATORS}
              onChange={(operator) =>
                setExpression(
                  i,
                  operator === 'Exists' || operator === 'DoesNotExist'
                    ? { key: e.key, operator }
                    : { key: e.key, operator, values: e.values ?? [] },
                )
              }
            />
            <TextField
              label="Values"
              name={`${name} values`}
              hideLabel
              value={e.values ?? []}
              format={(v) => v.join(', ')}
              placeholder={needsValues ? 'a, b' : 'no values'}
              disabled={!needsValues}
              mono
              parse={withCheck(commaList, checkValues(e.operator))}
              onCommit={(values) => setExpression(i, { ...e, values })}
            />
            <RemoveButton
              label={`Remove ${name.toLowerCase()}`}
              onClick={() =>
                onChange(
                  withExpressions(
                    selector,
                    expressions.filter((_, j) => j !== i),
                  ),
                )
              }
            />
          </div>
        );
      })}
      <div>
        <SmallButton
          label={`Add ${noun.toLowerCase()} expression`}
          onClick={() =>
            onChange(
              withExpressions(selector, [
                ...expressions,
                { key: 'app', operator: 'In', values: ['web'] },
              ]),
            )
          }
        >
          + Expression
        </SmallButton>
      </div>
    </div>
  );
}
