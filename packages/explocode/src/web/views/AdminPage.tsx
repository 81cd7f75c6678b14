import type { PropsOf } from '@eig/platform/web';
import { PageBreadcrumb } from '@eig/web/ui';
import { AdminLiveIsland } from '../islands/index.ts';
import { explocodePaths } from '../paths.ts';
import type { views } from '../views.ts';

export function AdminPage({ datasets, jobs, notice }: PropsOf<typeof views.admin>) {
  return (
    <div className="fr-container fr-pb-6w">
      <PageBreadcrumb
        segments={[
          { label: 'Administration', href: '/admin' },
          { label: 'ExploCode', href: explocodePaths.home() },
        ]}
        current="Données et ingestions"
      />
      <h1>Administration d’ExploCode</h1>
      <AdminLiveIsland datasets={datasets} jobs={jobs} notice={notice} />
    </div>
  );
}
