import type { ChatSummary, PatronField } from '../../../src/protocol';
import { formatDateTime } from '../../shared/format-time';
import { useConsole } from '../../store/store-context';
import { PatronHistory } from './patron-history';

/**
 * The patron info tab: who is asking, from where, with what, and anything else
 * they gave; then the same patron's earlier chats, each opening its transcript.
 */
export function PatronInfoTab({ chat }: { chat: ChatSummary }) {
  const fields = useConsole((state) => state.patronFields);
  const { patron } = chat;
  const rows: Array<[string, string | null]> = [
    ['Name', patron.name],
    ['Email', patron.email],
    ['IP address', patron.ip],
    ['Page', patron.pageUrl],
    ['Referrer', patron.referrer],
    ['Browser', patron.browser ?? patron.userAgent],
    ['Department', chat.departmentName],
    ['Asked at', formatDateTime(chat.createdAt)],
    ...Object.entries(patron.extraFields).map(([key, value]): [string, string] => [labelOf(fields, key), value]),
  ];
  return (
    <>
      <dl className="patron-info">
        {rows.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd dir="auto">{value ? value : <span className="not-given">Not given</span>}</dd>
          </div>
        ))}
      </dl>
      <PatronHistory chatId={chat.id} />
    </>
  );
}

function labelOf(fields: readonly PatronField[], key: string): string {
  return fields.find((field) => field.key === key)?.label ?? key;
}
