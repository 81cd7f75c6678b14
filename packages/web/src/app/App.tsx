import { useEffect } from 'react';
import type { PageState } from './state.ts';
import { Layout } from '../shell/Layout.tsx';
import { ExplocodeStatusAlert } from '../components/IngestStatus.tsx';
import { HomePage } from '../pages/Home.tsx';
import { AccessibilityPage, ForbiddenPage, NotFoundPage, UnavailablePage } from '../pages/ErrorPages.tsx';
import { LoginPage } from '../pages/LoginPage.tsx';
import { ExploHomePage, EXPLOCODE_SEARCH_INPUT_ID } from '../services/explocode/pages/ExploHome.tsx';
import { SearchPage } from '../services/explocode/pages/SearchPage.tsx';
import { ArticlePage } from '../services/explocode/pages/ArticlePage.tsx';
import { ThemePage } from '../services/explocode/pages/ThemePage.tsx';
import { FichePage } from '../services/explocode/pages/FichePage.tsx';
import { ContributionPage } from '../services/explocode/pages/ContributionPage.tsx';
import { ConventionPage, ConventionsPage } from '../services/explocode/pages/ConventionPages.tsx';
import { HowPage } from '../services/explocode/pages/HowPage.tsx';
import { AdminPage } from '../services/explocode/pages/AdminPage.tsx';

function Page({ state }: { state: PageState }) {
  const { ctx } = state;
  switch (state.page) {
    case 'home':
      return <HomePage stands={state.stands} progress={state.progress} />;
    case 'not-found':
      return <NotFoundPage message={state.message} />;
    case 'unavailable':
      return (
        <UnavailablePage
          message={state.message}
          status={ctx.service === 'explocode' ? <ExplocodeStatusAlert status={ctx.explocodeStatus} /> : undefined}
        />
      );
    case 'accessibility':
      return <AccessibilityPage />;
    case 'forbidden':
      return <ForbiddenPage message={state.message} />;
    case 'login':
      return <LoginPage ctx={ctx} returnTo={state.returnTo} email={state.email} error={state.error} />;
    case 'explocode.home':
      return <ExploHomePage ctx={ctx} themes={state.themes} />;
    case 'explocode.search':
      return <SearchPage ctx={ctx} params={state.params} pageSize={state.pageSize} response={state.response} themeTitle={state.themeTitle} />;
    case 'explocode.article':
      return <ArticlePage ctx={ctx} data={state.data} />;
    case 'explocode.theme':
      return <ThemePage ctx={ctx} data={state.data} pageNum={state.pageNum} pageSize={state.pageSize} />;
    case 'explocode.fiche':
      return <FichePage ctx={ctx} data={state.data} />;
    case 'explocode.contribution':
      return <ContributionPage ctx={ctx} data={state.data} idcc={state.idcc} />;
    case 'explocode.convention':
      return <ConventionPage ctx={ctx} data={state.data} q={state.q} articles={state.articles} />;
    case 'explocode.conventions':
      return <ConventionsPage ctx={ctx} q={state.q} results={state.results} />;
    case 'explocode.how':
      return <HowPage ctx={ctx} />;
    case 'explocode.admin':
      return <AdminPage ctx={ctx} datasets={state.datasets} jobs={state.jobs} notice={state.notice} />;
  }
}

export function App({ state }: { state: PageState }) {
  // Marks the page as interactive (used by the browser test before typing).
  useEffect(() => {
    document.documentElement.dataset.eigHydrated = 'true';
  }, []);
  const hasSearchBar = state.page === 'explocode.home' || state.page === 'explocode.search';
  return (
    <Layout ctx={state.ctx} searchTarget={hasSearchBar ? EXPLOCODE_SEARCH_INPUT_ID : undefined}>
      <Page state={state} />
    </Layout>
  );
}
