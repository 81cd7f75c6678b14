/** IA Flash's islands as the server renders them (wrapped with their keys). Server side only. */
import { island } from '@eig/web/ui/server';
import { BatchProgress } from './BatchProgress.tsx';
import { TrainingProgress } from './TrainingProgress.tsx';

export const BatchProgressIsland = island('iaflash.batch-progress', BatchProgress);
export const TrainingProgressIsland = island('iaflash.training-progress', TrainingProgress);
