import { lazy, Suspense, useEffect, useState } from 'react';
import { runsTheDesk } from '../../../src/domain/chat-access';
import { useConsole } from '../../store/store-context';
import { ChoosePasswordScreen } from '../account/choose-password-screen';
import { SetupAccountScreen, setupTokenOf } from '../account/setup-account-screen';
import { AdminPage } from '../admin/admin-page';
import { AnalyticsDialog } from '../analytics/analytics-dialog';
import { DeskAlarmBanner } from '../desk/desk-alarm-banner';
import { DeskPage } from '../desk/desk-page';
import { CannedPage } from '../canned/canned-page';
import { ChatPane } from '../chat-pane/chat-pane';
import { ConnectionBanner } from '../connection/connection-banner';
import { LoginForm } from '../login/login-form';
import { SettingsPage } from '../settings/settings-page';
import { PageLoadBoundary } from '../../shared/page-load-boundary';
import { StaffChatPane } from '../staff-chat/staff-chat-pane';
import { TranscriptView } from '../transcripts/transcript-view';
import { SharingBanner } from '../screenshare/sharing-banner';
import { MessageAlerts } from '../unread/message-alerts';
import { ConsoleHeader } from './console-header';
import { LeftColumn } from './left-column';
import { LiveAnnouncer } from './live-announcer';

// Loaded when first opened: the charts library stays out of the console's first load.
const ReportsPage = lazy(() => import('../reports/reports-page'));

/** The whole console: the login form until a session exists, then the workspace. */
export function ConsoleApp() {
  const phase = useConsole((state) => state.phase);
  const restoreSession = useConsole((state) => state.restoreSession);
  const settingsOpen = useConsole((state) => state.settingsOpen);
  const mustChangePassword = useConsole((state) => state.operator?.mustChangePassword === true);

  useEffect(() => {
    void restoreSession();
  }, [restoreSession]);
  // Opened with a one-time set-up link: that screen until it is used (or found dead).
  const [setupToken, setSetupToken] = useState(() => setupTokenOf(window.location.hash));
  // A link pasted into a console tab that is already open changes only the hash: no page load.
  useEffect(() => {
    const follow = () => setSetupToken(setupTokenOf(window.location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  const forgetSetupLink = () => {
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    setSetupToken(null);
  };

  if (phase === 'checking') {
    return (
      <main className="login">
        <p role="status">Loading the Deskbell console…</p>
      </main>
    );
  }
  if (phase !== 'logged-in' && setupToken) {
    return <SetupAccountScreen token={setupToken} onDone={forgetSetupLink} />;
  }
  if (phase !== 'logged-in') {
    // The desktop app needs its server URL before anyone can log in, so Settings opens from the login form too.
    return settingsOpen ? (
      <main className="settings-standalone">
        <SettingsPage />
      </main>
    ) : (
      <LoginForm />
    );
  }
  // A temporary password: nothing else until one of their own is chosen (the socket waits too).
  if (mustChangePassword) return <ChoosePasswordScreen />;
  return <Workspace />;
}

function Workspace() {
  const rightView = useConsole((state) => state.rightView);
  const settingsOpen = useConsole((state) => state.settingsOpen);
  const cannedOpen = useConsole((state) => state.cannedOpen);
  const adminOpen = useConsole((state) => state.adminOpen);
  // The Desk view is a page too; another page opened over it hides it until that one closes.
  // Reports are the supervisors' and admins' (the server refuses anyone else too).
  const reportsShown = useConsole(
    (state) => state.reportsOpen && state.operator !== null && runsTheDesk(state.operator),
  );
  const deskShown =
    useConsole((state) => state.deskOpen) && !settingsOpen && !cannedOpen && !adminOpen && !reportsShown;
  const pageShown = settingsOpen || cannedOpen || adminOpen || deskShown || reportsShown;
  return (
    <div className="console">
      <ConsoleHeader />
      <ConnectionBanner />
      <SharingBanner />
      <MessageAlerts />
      <DeskAlarmBanner />
      {settingsOpen ? (
        <main className="settings-main">
          <SettingsPage />
        </main>
      ) : cannedOpen ? (
        <main className="settings-main">
          <CannedPage />
        </main>
      ) : adminOpen ? (
        <main className="settings-main">
          <AdminPage />
        </main>
      ) : reportsShown ? (
        <main className="settings-main">
          <PageLoadBoundary page="Reports">
            <Suspense fallback={<p role="status">Loading the Reports page…</p>}>
              <ReportsPage />
            </Suspense>
          </PageLoadBoundary>
        </main>
      ) : deskShown ? (
        <main className="settings-main">
          <DeskPage />
        </main>
      ) : null}
      {/* Hidden, not unmounted, while a page shows: a half-typed reply survives a look at the settings. */}
      <main className="workspace" hidden={pageShown}>
        <LeftColumn />
        <div className="right-panel">
          {rightView === 'transcript' ? <TranscriptView /> : rightView === 'staff' ? <StaffChatPane /> : <ChatPane />}
        </div>
      </main>
      <AnalyticsDialog />
      <LiveAnnouncer />
    </div>
  );
}
