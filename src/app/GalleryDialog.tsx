/** The built-in scenarios by topic; Open loads one like a link does and plays its flow. */
import { useId } from 'react';
import { GALLERY, type GalleryEntry } from '../scenario/builtins/gallery.ts';
import { buttonStyles, DialogFrame } from './DialogFrame.tsx';

interface GalleryDialogProps {
  readonly onOpen: (entry: GalleryEntry) => void;
  readonly onClose: () => void;
}

/** Topics in the order the gallery first names them. */
function byTopic(entries: readonly GalleryEntry[]): [string, GalleryEntry[]][] {
  const topics = new Map<string, GalleryEntry[]>();
  for (const entry of entries) topics.set(entry.topic, [...(topics.get(entry.topic) ?? []), entry]);
  return [...topics];
}

export function GalleryDialog({ onOpen, onClose }: GalleryDialogProps) {
  const ids = useId();
  const topics = byTopic(GALLERY);
  const sectionId = (topic: string) => `${ids}-${topic.replace(/\W+/g, '-')}`;
  return (
    <DialogFrame title="Gallery" onClose={onClose} width="xl">
      <p className="text-slate-600">
        Small scenarios, one idea each, with a flow ready to play. Opening one keeps your current
        work in Recent.
      </p>
      <nav aria-label="Topics" className="mt-2.5 mb-4 flex flex-wrap gap-1.5">
        {topics.map(([topic, entries]) => (
          <button
            key={topic}
            type="button"
            className="rounded-full border border-slate-300 bg-white px-2.5 py-0.5 text-[12.5px] font-medium text-slate-700 hover:border-sky-400 hover:bg-sky-50"
            onClick={() =>
              document.getElementById(sectionId(topic))?.scrollIntoView({ block: 'start' })
            }
          >
            {topic} <span className="text-slate-500">{entries.length}</span>
          </button>
        ))}
      </nav>
      {topics.map(([topic, entries]) => (
        <section
          key={topic}
          id={sectionId(topic)}
          aria-label={topic}
          className="mb-5 scroll-mt-2 last:mb-0"
        >
          <h3 className="mb-2 text-[12px] font-semibold tracking-wide text-slate-500 uppercase">
            {topic}
          </h3>
          <ul className="grid grid-cols-1 gap-2.5 md:grid-cols-2">
            {entries.map((entry) => (
              <li
                key={entry.id}
                className="flex flex-col rounded-lg border border-slate-200 bg-white px-3.5 py-3 shadow-xs"
              >
                <h4 className="text-[14.5px] font-semibold text-slate-900">
                  {entry.scenario.title}
                </h4>
                <p className="mt-1 flex-1 text-[13px] leading-snug text-slate-600">
                  {entry.scenario.description}
                </p>
                <div className="mt-2.5 flex justify-end">
                  <button
                    type="button"
                    aria-label={`Open ${entry.scenario.title}`}
                    className={`${buttonStyles.secondary} h-8`}
                    onClick={() => onOpen(entry)}
                  >
                    Open
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </DialogFrame>
  );
}
