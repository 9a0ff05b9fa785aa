import { useShallow } from 'zustand/react/shallow';
import { selectCounter } from '../../store/selectors';
import { useConsole } from '../../store/store-context';

/** The stats counter above Patron Chats: chats in progress, new, and mine. */
export function ChatCounter() {
  const counter = useConsole(useShallow(selectCounter));
  return (
    <section className="chat-counter" aria-label="Chat counter">
      <dl>
        <div>
          <dt>In progress</dt>
          <dd data-counter="in-progress">{counter.inProgress}</dd>
        </div>
        <div>
          <dt>New</dt>
          <dd data-counter="new">{counter.new}</dd>
        </div>
        <div>
          <dt>Mine</dt>
          <dd data-counter="mine">{counter.mine}</dd>
        </div>
      </dl>
    </section>
  );
}
