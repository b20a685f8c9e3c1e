/** The lesson editor with the commands that reach past its panel: preview, link, copy, save. */
import { LessonEditor } from '../panels/lessons/LessonEditor.tsx';
import { appStore } from '../store/appStore.ts';
import { copyLink, downloadLesson, draftLessonLink, previewLesson } from './lessonDraftActions.ts';

export function LessonEditorDock() {
  return (
    <LessonEditor
      onPreview={(lesson) => previewLesson(appStore, lesson)}
      linkFor={draftLessonLink}
      onCopy={(url) => copyLink(appStore, url, 'Lesson link')}
      onDownload={downloadLesson}
    />
  );
}
