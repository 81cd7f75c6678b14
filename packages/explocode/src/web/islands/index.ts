/** ExploCode's islands as the server renders them (wrapped with their keys). Server side only. */
import { island } from '@eig/web/ui/server';
import { SearchCombobox } from './SearchCombobox.tsx';
import { AdminLive } from './AdminLive.tsx';
import { ResultAnnouncer } from './ResultAnnouncer.tsx';

export const SearchComboboxIsland = island('explocode.search-combobox', SearchCombobox);
export const AdminLiveIsland = island('explocode.admin', AdminLive);
export const ResultAnnouncerIsland = island('explocode.result-announcer', ResultAnnouncer);
