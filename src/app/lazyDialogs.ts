/**
 * The dialogs and presenter mode, loaded when first opened (and fetched ahead while the page is
 * idle).
 */
import { lazyPart } from '../ui/lazyPart.tsx';

export const GalleryDialog = lazyPart(() =>
  import('./GalleryDialog.tsx').then((m) => m.GalleryDialog),
);
export const ImportDialog = lazyPart(() =>
  import('./ImportDialog.tsx').then((m) => m.ImportDialog),
);
export const ShareDialog = lazyPart(() => import('./ShareDialog.tsx').then((m) => m.ShareDialog));
export const ScenarioDetailsDialog = lazyPart(() =>
  import('./ScenarioDetailsDialog.tsx').then((m) => m.ScenarioDetailsDialog),
);
export const PresenterMode = lazyPart(() =>
  import('./PresenterMode.tsx').then((m) => m.PresenterMode),
);
export const NewScenarioDialog = lazyPart(() =>
  import('./NewScenarioDialog.tsx').then((m) => m.NewScenarioDialog),
);
