import { useConsole } from '../../store/store-context';
import type { LeftTab } from '../../store/console-state';
import { MyChatsList } from '../my-chats/my-chats-list';
import { OperatorsList } from '../operators/operators-list';
import { TransfersList } from '../transfer/transfers-list';
import { ChatCounter } from '../patron-chats/chat-counter';
import { PatronChatsList } from '../patron-chats/patron-chats-list';
import { TranscriptsList } from '../transcripts/transcripts-list';

const TABS: Array<[LeftTab, string]> = [
  ['chats', 'Chats'],
  ['transcripts', 'Transcripts'],
];

/** The left column: the Chats tab (counter, Patron Chats, My chats, Operators) and the Transcripts tab. */
export function LeftColumn() {
  const tab = useConsole((state) => state.leftTab);
  const setTab = useConsole((state) => state.setLeftTab);
  return (
    <nav className="left-column" aria-label="Chats and transcripts">
      <div role="tablist" aria-label="Sections" className="tabs">
        {TABS.map(([value, label]) => (
          <button
            key={value}
            type="button"
            role="tab"
            id={`left-tab-${value}`}
            aria-selected={tab === value}
            aria-controls={`left-panel-${value}`}
            tabIndex={tab === value ? 0 : -1}
            onClick={() => setTab(value)}
            onKeyDown={(event) => {
              if (event.key === 'ArrowRight' || event.key === 'ArrowLeft')
                setTab(value === 'chats' ? 'transcripts' : 'chats');
            }}
          >
            {label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`left-panel-${tab}`} aria-labelledby={`left-tab-${tab}`} className="left-panel">
        {tab === 'chats' ? (
          <>
            <ChatCounter />
            <PatronChatsList />
            <TransfersList />
            <MyChatsList />
            <OperatorsList />
          </>
        ) : (
          <TranscriptsList />
        )}
      </div>
    </nav>
  );
}
