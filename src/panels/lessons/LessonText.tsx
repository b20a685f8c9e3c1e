/** Lesson text on screen: the safe Markdown subset's blocks as elements, every word as text. */
import { parseLessonText, type Inline } from '../../lessons/lessonText.ts';

function Inlines({ inlines }: { readonly inlines: readonly Inline[] }) {
  return (
    <>
      {inlines.map((inline, i) => {
        switch (inline.kind) {
          case 'text':
            return <span key={i}>{inline.text}</span>;
          case 'strong':
            return <strong key={i}>{inline.text}</strong>;
          case 'em':
            return <em key={i}>{inline.text}</em>;
          case 'code':
            return (
              <code key={i} className="rounded bg-slate-100 px-1 font-mono text-[0.92em]">
                {inline.text}
              </code>
            );
        }
      })}
    </>
  );
}

export function LessonText({ text }: { readonly text: string }) {
  return (
    <div className="space-y-2">
      {parseLessonText(text).map((block, i) => {
        if (block.kind === 'paragraph')
          return (
            <p key={i}>
              <Inlines inlines={block.inlines} />
            </p>
          );
        const items = block.items.map((item, j) => (
          <li key={j}>
            <Inlines inlines={item} />
          </li>
        ));
        return block.ordered ? (
          <ol key={i} className="list-decimal space-y-1 pl-5">
            {items}
          </ol>
        ) : (
          <ul key={i} className="list-disc space-y-1 pl-5">
            {items}
          </ul>
        );
      })}
    </div>
  );
}
