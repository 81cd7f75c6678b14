/** Open Justice's islands as the server renders them (wrapped with their keys). Server side only. */
import { island } from '@eig/web/ui/server';
import { ReviewEditor } from './ReviewEditor.tsx';
import { ImportsLive } from './ImportsLive.tsx';

export const ReviewEditorIsland = island('openjustice.review-editor', ReviewEditor);
export const ImportsLiveIsland = island('openjustice.imports', ImportsLive);
