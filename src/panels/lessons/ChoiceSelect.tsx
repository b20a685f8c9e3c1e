/** A labelled select of the lesson editor whose choices are shown as they are written. */
import { FIELD } from './editorStyles.ts';

export function ChoiceSelect<T extends string>({
  label,
  className,
  value,
  choices,
  onChange,
}: {
  readonly label: string;
  /** The label's look, which also places it in the editor's grid. */
  readonly className: string;
  readonly value: T;
  readonly choices: readonly T[];
  readonly onChange: (value: T) => void;
}) {
  return (
    <label className={className}>
      {label}
      <select className={FIELD} value={value} onChange={(e) => onChange(e.target.value as T)}>
        {choices.map((choice) => (
          <option key={choice}>{choice}</option>
        ))}
      </select>
    </label>
  );
}
