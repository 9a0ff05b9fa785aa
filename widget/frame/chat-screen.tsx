import { type ReactNode, useCallback, useRef, useState } from 'react';
import type { PatronConnection, PatronConnectionState } from '../../src/client/patron-connection';
import type { PatronChatView } from '../../src/protocol/models';
import { ChatLog } from './chat-log';
import { ChatRating } from './chat-rating';
import { saveTextFile, transcriptText } from './transcript-file';
import { Composer } from './composer';
import { EndChatConfirm } from './end-chat-confirm';
import { MessageText } from './message-text';
import { ScreenshareNotice } from './screenshare/screenshare-notice';
import { FollowUpOffer } from './follow-up-offer';
import { WaitingNotice } from './waiting-notice';

interface Props {
  connection: PatronConnection;
  state: PatronConnectionState;
  chat: PatronChatView;
  onNewChat: () => void;
  /** The library's name as the admin set it (the downloaded transcript's heading). */
  libraryName: string;
}

/** A started chat: waiting for a librarian, in progress, or ended. */
export function ChatScreen({ connection, state, chat, onNewChat, libraryName }: Props) {
  const [confirming, setConfirming] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const [leaveError, setLeaveError] = useState<string | null>(null);
  const [followUpEmail, setFollowUpEmail] = useState<string | null>(null);
  const endButton = useRef<HTMLButtonElement>(null);
  const ended = chat.status === 'ended';
  // The server may or may not repeat the question as the first message; show it once either way.
  const questionInLog = state.messages.some((m) => m.authorKind === 'patron' && m.body === chat.question);
  // Stable, so the composer keeps one TypingSignal for the whole chat.
  const onTyping = useCallback((typing: boolean) => connection.setTyping(typing), [connection]);

  const leave = async () => {
    setLeaving(true);
    setLeaveError(null);
    const ack = await connection.leave();
    setLeaving(false);
    if (ack.ok) setConfirming(false);
    else setLeaveError(ack.error.message);
  };

  const cancel = () => {
    setConfirming(false);
    setLeaveError(null);
    endButton.current?.focus();
  };

  return (
    <div className="chat">
      {!ended && (
        <div className="chat-bar">
          <p>
            {chat.status === 'active' ? (
              <>
                You&apos;re chatting with <bdi dir="auto">{chat.operatorName ?? 'a librarian'}</bdi>
              </>
            ) : (
              'Waiting for a librarian'
            )}
          </p>
          <button
            type="button"
            ref={endButton}
            className="quiet"
            onClick={() => setConfirming(true)}
            disabled={confirming}
          >
            End chat
          </button>
        </div>
      )}
      {confirming && !ended && (
        <EndChatConfirm busy={leaving} error={leaveError} onConfirm={() => void leave()} onCancel={cancel} />
      )}
      <ChatLog
        before={
          <>
            {!questionInLog && (
              <div className="question">
                <span className="who">Your question</span>
                <p dir="auto">
                  <MessageText body={chat.question} />
                </p>
              </div>
            )}
            {chat.status === 'waiting' && <WaitingNotice position={state.queuePosition} />}
            {chat.status === 'waiting' && chat.followUpOffered && (
              <FollowUpOffer connection={connection} chat={chat} onLeft={setFollowUpEmail} />
            )}
          </>
        }
        messages={state.messages}
        pending={state.pending}
        failed={state.failed}
        librarianTyping={chat.status === 'active' ? state.librarianTyping : null}
        connected={state.link === 'online'}
      />
      {state.screenshare && !ended && <ScreenshareNotice session={state.screenshare} connection={connection} />}
      {ended ? (
        <EndedNotice
          onNewChat={onNewChat}
          followUpEmail={followUpEmail}
          rating={followUpEmail ? null : <ChatRating connection={connection} />}
          onDownload={() =>
            saveTextFile(
              `chat-${new Date(chat.createdAt).toISOString().slice(0, 10)}.txt`,
              transcriptText(chat, state.messages, libraryName),
            )
          }
        />
      ) : (
        <Composer onSend={(body) => connection.send(body)} onTyping={onTyping} />
      )}
    </div>
  );
}

interface EndedNoticeProps {
  onNewChat: () => void;
  followUpEmail: string | null;
  /** "How helpful was this chat?" (not after a question left for an email reply: nobody chatted). */
  rating: ReactNode;
  onDownload: () => void;
}

function EndedNotice({ onNewChat, followUpEmail, rating, onDownload }: EndedNoticeProps) {
  return (
    <div className="ended">
      <div role="status">
        <h2>{followUpEmail ? 'Your question was sent' : 'This chat has ended'}</h2>
        <p>
          {followUpEmail
            ? `Thank you. A librarian will answer by email to ${followUpEmail}.`
            : 'Thank you for asking the library. The conversation stays above until you start a new chat.'}
        </p>
      </div>
      {rating}
      <div className="ended-actions">
        {!followUpEmail && (
          <button type="button" onClick={onDownload} data-download-transcript>
            Download transcript
          </button>
        )}
        <button type="button" data-autofocus className="primary" onClick={onNewChat}>
          Start a new chat
        </button>
      </div>
    </div>
  );
}
