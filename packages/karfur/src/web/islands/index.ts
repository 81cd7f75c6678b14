/** Karfu'R's islands as the server renders them (wrapped with their keys). Server side only. */
import { island } from '@eig/web/ui/server';
import { AdminJobs } from './AdminJobs.tsx';

export const AdminJobsIsland = island('karfur.admin-jobs', AdminJobs);
