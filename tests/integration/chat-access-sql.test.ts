import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ActorFacts, may } from '../../src/domain/chat-access';
import { type ChatAction, type ChatActor, decide } from '../../src/domain/chat-state-machine';
import { actorFacts } from '../../server/auth/actor';
import { visibleTo } from '../../server/chats/chat-access-query';
import { createRepositories, type Repositories } from '../../server/repositories';
import { addAccount, startTestServer, type TestServer } from '../support/test-server';

/**
 * The access rule twice: `may(...)` over chats as the state machine loads
 * them, and the SQL filters the lists use, over the same stored chats and the
 * same accounts. Every chat here was made by the state machine and written by
 * ChatTransitions, exactly as the server writes them.
 */

const GENERAL = 'general-reference';
const RESEARCH = 'research-help';
const EMAIL = 'pat@example.org';
const MINUTE = 60_000;

let server: TestServer;
let repos: Repositories;
const actors: Record<string, ChatActor> = {};
/** What each fixture chat is for, by id (failures name it). */
const fixtures = new Map<string, string>();
let clock = 1_000;

async function account(
  username: string,
  role: 'operator' | 'supervisor' | 'admin',
  departmentIds: string[],
): Promise<void> {
  await addAccount(server, { username, displayName: username, role, departmentIds });
  const id = await repos.accounts.findIdByUsername(username);
  const stored = id ? await repos.accounts.findById(id) : undefined;
  if (!stored) throw new Error(`no account ${username}`);
  actors[username] = { ...actorFacts(stored), name: stored.displayName };
}

async function chatIn(departmentId: string, story: string, ...steps: Array<(id: string) => ChatAction>) {
  clock += MINUTE;
  const chat = await repos.chats.create({
    departmentId,
    question: story,
    patronName: 'Pat',
    patronEmail: EMAIL,
    patronIp: null,
    pageUrl: null,
    referrer: null,
    userAgent: null,
    browser: null,
    extraFields: {},
    resumeTokenHash: `token-${clock}`,
    createdAt: clock,
  });
  for (const step of steps) {
    const loaded = await repos.transitions.load(chat.id);
    if (!loaded) throw new Error('the chat vanished');
    const written = await repos.transitions.apply(loaded, decide(loaded.state, step(chat.id)), clock);
    if (!written) throw new Error(`${story}: a step was not written`);
  }
  fixtures.set(chat.id, story);
  return chat.id;
}

const claim = (who: string) => (): ChatAction => ({ type: 'claim', actor: actors[who]! });
const end = (who: string) => (): ChatAction => ({ type: 'end', actor: actors[who]! });
const accept = (who: string) => (): ChatAction => ({ type: 'accept-transfer', actor: actors[who]! });
const leave = (who: string) => (): ChatAction => ({ type: 'leave', actor: actors[who]! });
const toColleague = (who: string, colleague: string) => (): ChatAction => ({
  type: 'transfer',
  actor: actors[who]!,
  to: { kind: 'operator', id: actors[colleague]!.id, name: colleague },
  targetStatus: 'online',
  briefing: null,
  now: clock,
  timeoutMs: 10 * MINUTE,
});
const toDepartment = (who: string, departmentId: string) => (): ChatAction => ({
  type: 'transfer',
  actor: actors[who]!,
  to: { kind: 'department', id: departmentId, name: departmentId },
  briefing: null,
  now: clock,
  timeoutMs: 10 * MINUTE,
});

/** Every fixture chat as the state machine sees it, and as a summary. */
async function everyChat() {
  return Promise.all(
    [...fixtures.keys()].map(async (id) => {
      const loaded = await repos.transitions.load(id);
      if (!loaded) throw new Error('the chat vanished');
      return loaded;
    }),
  );
}

/** The chats' stories, sorted: a failure says which chats differ. */
const named = (ids: Iterable<string>) => [...ids].map((id) => fixtures.get(id) ?? id).sort();

beforeAll(async () => {
  server = await startTestServer();
  repos = createRepositories(server.storage.db);
  await account('gail', 'operator', [GENERAL]);
  await account('rita', 'operator', [RESEARCH]);
  await account('nora', 'operator', []);
  await account('bea', 'operator', [GENERAL, RESEARCH]);
  await account('sue', 'supervisor', []);
  await account('ada', 'admin', []);

  await chatIn(GENERAL, 'waiting in General');
  await chatIn(RESEARCH, 'waiting in Research');
  await chatIn(GENERAL, 'Gail answers in General', claim('gail'));
  await chatIn(RESEARCH, 'Rita offers her Research chat to Gail', claim('rita'), toColleague('rita', 'gail'));
  await chatIn(
    RESEARCH,
    'Gail took a Research chat from Rita; Rita stays as a participant',
    claim('rita'),
    toColleague('rita', 'gail'),
    accept('gail'),
  );
  await chatIn(
    RESEARCH,
    'Nora owns a Research chat; Gail was in it and left',
    claim('rita'),
    toColleague('rita', 'gail'),
    accept('gail'),
    leave('rita'),
    toColleague('gail', 'nora'),
    accept('nora'),
    leave('gail'),
  );
  await chatIn(GENERAL, 'Gail sent her chat to the Research queue', claim('gail'), toDepartment('gail', RESEARCH));
  await chatIn(
    GENERAL,
    'Rita claimed a chat Gail sent to Research; Gail stays',
    claim('gail'),
    toDepartment('gail', RESEARCH),
    claim('rita'),
  );
  await chatIn(
    RESEARCH,
    'Nora ended a Research chat Rita gave her',
    claim('rita'),
    toColleague('rita', 'nora'),
    accept('nora'),
    end('nora'),
  );
  const withAnalytics = await chatIn(
    GENERAL,
    'Gail ended a General chat and saved its analytics',
    claim('gail'),
    end('gail'),
  );
  const [questionType] = await repos.departments.listQuestionTypes();
  if (!questionType) throw new Error('the demo library has no question types');
  await repos.analytics.save({
    chatId: withAnalytics,
    questionTypeId: questionType.id,
    timeSpentMinutes: 5,
    notes: '',
    operatorId: actors.gail!.id,
    savedAt: clock,
  });
  await chatIn(
    RESEARCH,
    'a Research chat Bea ended in a group with Gail',
    claim('bea'),
    toColleague('bea', 'gail'),
    accept('gail'),
    toColleague('gail', 'bea'),
    accept('bea'),
    end('bea'),
  );
});

afterAll(() => server.close());

describe('the SQL filters say what the access rule says, on the same chats', () => {
  const everyone = () => Object.entries(actors) as Array<[string, ActorFacts]>;

  it('every account sees, in a query, exactly the chats may("see") lets it see', async () => {
    const chats = await everyChat();
    for (const [name, actor] of everyone()) {
      const rows = await server.storage.db
        .selectFrom('chats')
        .select('chats.id')
        .where('chats.id', 'in', [...fixtures.keys()])
        .where(visibleTo(actor))
        .execute();
      const byPredicate = chats.filter(({ state }) => may('see', state, actor)).map(({ chat }) => chat.id);
      expect({ name, sees: named(rows.map((row) => row.id)) }).toEqual({ name, sees: named(byPredicate) });
    }
  });

  it('the open list, the ended list, the chats to follow and the patron history agree with the predicate', async () => {
    const chats = await everyChat();
    const current = await chatIn(GENERAL, 'the patron asks again');
    const currentChat = await repos.chats.find(current);
    if (!currentChat) throw new Error('the chat vanished');
    for (const [name, actor] of everyone()) {
      const open = chats
        .filter(
          ({ chat, state }) =>
            (chat.status !== 'ended' && may('see', state, actor)) ||
            (chat.status === 'ended' && chat.ownerId === actor.id && !chat.hasAnalytics),
        )
        .map(({ chat }) => chat.id);
      const listedOpen = (await repos.chats.listOpen(actor)).map((chat) => chat.id).filter((id) => id !== current);
      expect({ name, open: named(listedOpen) }).toEqual({ name, open: named(open) });

      const ended = chats
        .filter(({ chat, state }) => chat.status === 'ended' && may('read-transcript', state, actor))
        .map(({ chat }) => chat.id);
      const listedEnded = (await repos.chats.listEnded(actor, { limit: 100 })).map((chat) => chat.id);
      expect({ name, ended: named(listedEnded) }).toEqual({ name, ended: named(ended) });

      const writable = chats.filter(({ state }) => may('write', state, actor)).map(({ chat }) => chat.id);
      const followed = (await repos.chats.listOwnedActive(actor.id)).map((chat) => chat.id);
      expect({ name, writes: named(followed) }).toEqual({ name, writes: named(writable) });

      const history = (await repos.patronHistory.earlierChats(currentChat, actor)).map((entry) => entry.chatId);
      const seen = chats.filter(({ state }) => may('see', state, actor)).map(({ chat }) => chat.id);
      expect({ name, history: named(history) }).toEqual({ name, history: named(seen) });
    }
  });

  it('the fixtures reach every way of seeing a chat (so agreeing is not agreeing on nothing)', async () => {
    const chats = await everyChat();
    const sees = (who: string) =>
      named(chats.filter(({ state }) => may('see', state, actors[who]!)).map(({ chat }) => chat.id));
    // Nora monitors nothing: only the chats she owns.
    expect(sees('nora')).toEqual(
      ['Nora ended a Research chat Rita gave her', 'Nora owns a Research chat; Gail was in it and left'].sort(),
    );
    const gail = sees('gail');
    // Gail monitors General only; beyond it she sees what she owns, is offered, or sent to another queue ...
    expect(gail).toEqual(
      expect.arrayContaining([
        'Rita offers her Research chat to Gail',
        'Gail took a Research chat from Rita; Rita stays as a participant',
        'Gail sent her chat to the Research queue',
      ]),
    );
    // ... and not a chat she has left, nor a Research chat she was never in.
    expect(gail).not.toContain('Nora owns a Research chat; Gail was in it and left');
    expect(gail).not.toContain('waiting in Research');
    // An ended chat stays readable for whoever was still in it.
    expect(gail).toContain('a Research chat Bea ended in a group with Gail');
    // Rita, still a participant after a transfer: she sees it through her department and as a member.
    expect(sees('rita')).toContain('Gail took a Research chat from Rita; Rita stays as a participant');
    for (const watcher of ['sue', 'ada']) expect(sees(watcher)).toHaveLength(fixtures.size);
  });
});
