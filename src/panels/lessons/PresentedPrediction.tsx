/**
 * A lesson's prediction for a room: the question and its choices in large type while the class
 * thinks; once the teacher runs the packet, what it did and the hop that decided it.
 */
import { useAppStore } from '../../store/appStore.ts';
import { currentLessonStep } from '../../store/lessonSlice.ts';
import { selectLessonPlay } from '../../store/selectors.ts';

export function PresentedPrediction() {
  const play = useAppStore(selectLessonPlay);
  const prediction = play ? currentLessonStep(play)?.prediction : undefined;
  if (!play || !prediction) return null;
  const answer = play.answer;
  return (
    <section
      aria-label="Prediction"
      className="shrink-0 border-t-2 border-slate-900 bg-violet-50 px-8 py-4 text-slate-950"
    >
      <p className="text-[28px] leading-tight font-bold">{prediction.question}</p>
      <ol className="mt-2 grid grid-cols-1 gap-x-8 gap-y-1 text-[22px] lg:grid-cols-2">
        {prediction.choices.map((c, i) => (
          <li
            key={c.value}
            className={
              answer?.right?.value === c.value ? 'font-bold text-emerald-800' : 'text-slate-900'
            }
          >
            {String.fromCharCode(65 + i)}. {c.label}
            {answer?.right?.value === c.value ? ' ✓' : ''}
          </li>
        ))}
      </ol>
      <p role="status" className="mt-2 text-[20px] text-slate-800">
        {answer
          ? `The packet did this: ${answer.happened}.${answer.decidingHop ? ` At ${answer.decidingHop.where}: ${answer.decidingHop.explanation}` : ''}`
          : 'Predict, then press Send to run the packet.'}
      </p>
    </section>
  );
}
