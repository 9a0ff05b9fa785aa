import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { PatronConnection } from '../../src/client/patron-connection';
import type { WidgetConfig } from '../../src/protocol/patron-contract';
import type { FrameParams } from './frame-params';
import { ChatScreen } from './chat-screen';
import { Connecting, DeskClosed, NobodyOnline, Problem } from './notices';
import { embedded, tellLoader, usePanel } from './parent-link';
import { fillDeskText, textsOf } from './desk-text';
import { PrechatForm } from './prechat-form';
import { useUnread } from './use-unread';

type ConfigState = { kind: 'loading' } | { kind: 'ready'; config: WidgetConfig } | { kind: 'failed'; message: string };

interface Props {
  connection: PatronConnection;
  params: FrameParams;
}

/** The chat frame: asks the server about the department, then shows the form, the chat, or why not. */
export function App({ connection, params }: Props) {
  const state = useSyncExternalStore(connection.subscribe, connection.getState);
  const panel = usePanel(params.parentOrigin);
  const [config, setConfig] = useState<ConfigState>({ kind: 'loading' });

  const loadConfig = useCallback(async () => {
    setConfig({ kind: 'loading' });
    const ack = await connection.loadConfig();
    setConfig(ack.ok ? { kind: 'ready', config: ack.data } : { kind: 'failed', message: ack.error.message });
  }, [connection]);

  useEffect(() => {
    void loadConfig();
  }, [loadConfig]);

  // An admin changed the words or the form's fields while this widget was open: shown at once, no reload.
  useEffect(() => {
    const settings = state.settings;
    if (!settings) return;
    setConfig((now) =>
      now.kind === 'ready'
        ? { kind: 'ready', config: { ...now.config, patronFields: settings.patronFields, texts: settings.texts } }
        : now,
    );
  }, [state.settings]);

  useUnread(state.messages, panel.open, params.parentOrigin, `deskbell:seen:${state.chat?.id ?? 'none'}`);

  const chatUnderWay = state.chat !== null && state.chat.status !== 'ended';
  useEffect(() => {
    // Until the stored chat answers, it is unknown whether one is under way: say nothing yet.
    if (!state.resuming) tellLoader({ type: 'chat', active: chatUnderWay }, params.parentOrigin);
  }, [chatUnderWay, state.resuming, params.parentOrigin]);

  // Opening the panel moves focus to what the patron will most likely use next.
  useEffect(() => {
    if (panel.focusRequests > 0) document.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  }, [panel.focusRequests]);

  // When a screen replaces the one holding focus (the form becomes the chat), focus would fall to
  // the page body; put it on the new screen's main control instead, but never pull it from the host page.
  const screen = screenOf(params.department, state.chat?.status, state.resuming, config);
  useEffect(() => {
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (lost && document.hasFocus()) document.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  }, [screen]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') tellLoader({ type: 'close' }, params.parentOrigin);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [params.parentOrigin]);

  const newChat = () => {
    connection.forget();
    void loadConfig(); // someone may have gone offline since
  };

  // The department the chat is in now (a transfer moves it); before a chat, the one the widget opens on.
  const departmentName = state.chat?.departmentName ?? (config.kind === 'ready' ? config.config.department.name : null);

  const texts = textsOf(config.kind === 'ready' ? config.config : null);
  const say = (text: string) => fillDeskText(text, departmentName ?? '');

  let content;
  if (!params.department) {
    content = <Problem text="This chat widget was opened without a department, so it cannot connect." />;
  } else if (state.chat) {
    content = (
      <ChatScreen
        connection={connection}
        state={state}
        chat={state.chat}
        onNewChat={newChat}
        libraryName={texts.libraryName}
      />
    );
  } else if (state.resuming) {
    content = <Connecting text="Reopening your chat..." />;
  } else if (config.kind === 'loading') {
    content = <Connecting text="Connecting to the library..." />;
  } else if (config.kind === 'failed') {
    content = <Problem text={config.message} onRetry={() => void loadConfig()} />;
  } else if (config.config.hours && !config.config.hours.open) {
    content = (
      <DeskClosed
        opensText={config.config.hours.opensText}
        text={say(texts.closedText)}
        onRetry={() => void loadConfig()}
      />
    );
  } else if (!config.config.online) {
    content = <NobodyOnline text={say(texts.offlineText)} onRetry={() => void loadConfig()} />;
  } else {
    content = (
      <PrechatForm
        config={config.config}
        greeting={say(texts.greeting)}
        page={{ pageUrl: params.pageUrl, referrer: params.referrer }}
        onStart={(form) => connection.start(form)}
      />
    );
  }

  // One named landmark: axe counts the frame's landmarks together with the host page's.
  return (
    <main className="frame" aria-label="Chat with a librarian">
      <div className="frame-header">
        <div>
          <h1>Ask a Librarian</h1>
          {texts.libraryName && (
            <p className="library" dir="auto">
              {texts.libraryName}
            </p>
          )}
          {departmentName && <p className="department">{departmentName}</p>}
        </div>
        {embedded && !params.preview && (
          <button
            type="button"
            className="close"
            aria-label="Close chat panel"
            onClick={() => tellLoader({ type: 'close' }, params.parentOrigin)}
          >
            <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
              <path fill="currentColor" d="M5 11h14v2H5z" />
            </svg>
          </button>
        )}
      </div>
      {state.link === 'reconnecting' && (
        <p className="banner" role="status">
          Connection lost. Reconnecting...
        </p>
      )}
      <div className="frame-main">{content}</div>
    </main>
  );
}

/** Which screen the frame shows, as one word (see the choice of content above). */
function screenOf(
  department: string | null,
  chatStatus: string | undefined,
  resuming: boolean,
  config: ConfigState,
): string {
  if (!department) return 'problem';
  if (chatStatus) return `chat-${chatStatus}`;
  if (resuming) return 'resuming';
  if (config.kind !== 'ready') return config.kind;
  if (config.config.hours && !config.config.hours.open) return 'closed';
  return config.config.online ? 'form' : 'offline';
}
