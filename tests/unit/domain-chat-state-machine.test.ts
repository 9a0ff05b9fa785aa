import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ChatAction,
  type ChatActor,
  type ChatMachineState,
  chatShapeProblem,
  decide,
} from '../../src/domain/chat-state-machine';
import { DeskbellError, type ErrorCode } from '../../src/protocol/ack';
import { OPERATOR_STATUSES, type OperatorStatus } from '../../src/protocol/models';

const alice: ChatActor = { id: 'alice', name: 'Alice', role: 'operator', departmentIds: ['general'] };
const bob: ChatActor = { id: 'bob', name: 'Bob', role: 'operator', departmentIds: ['general', 'research'] };
const carol: ChatActor = { id: 'carol', name: 'Carol', role: 'operator', departmentIds: ['research'] };
const sam: ChatActor = { id: 'sam', name: 'Sam', role: 'supervisor', departmentIds: [] };
const staff = [alice, bob, carol, sam];
const MINUTE = 60_000;

const newChat: ChatMachineState = {
  status: 'waiting',
  departmentId: 'general',
  owner: null,
  participants: [],
  transfer: null,
};

function refusal(state: ChatMachineState, action: ChatAction): ErrorCode | null {
  try {
    decide(state, action);
    return null;
  } catch (error) {
    if (error instanceof DeskbellError) return error.code;
    throw error;
  }
}

function run(state: ChatMachineState, ...actions: ChatAction[]): ChatMachineState {
  return actions.reduce((current, action) => decide(current, action).next, state);
}

const toColleague = (actor: ChatActor, colleague: ChatActor, now = 0): ChatAction => ({
  type: 'transfer',
  actor,
  to: { kind: 'operator', id: colleague.id, name: colleague.name },
  targetStatus: 'online',
  briefing: 'Patron needs a 19th-century map of the harbour.',
  now,
  timeoutMs: 2 * MINUTE,
});
const toResearchHelp = (actor: ChatActor, now = 0): ChatAction => ({
  type: 'transfer',
  actor,
  to: { kind: 'department', id: 'research', name: 'Research Help' },
  briefing: null,
  now,
  timeoutMs: 2 * MINUTE,
});

describe('transfers and group chats', () => {
  const claimedByAlice = run(newChat, { type: 'claim', actor: alice });

  it('a transfer to a colleague keeps Alice the owner until Bob accepts; then Alice stays as a participant', () => {
    const pending = run(claimedByAlice, toColleague(alice, bob));
    expect(pending.owner).toEqual({ id: 'alice', name: 'Alice' });
    expect(pending.transfer?.to.id).toBe('bob');
    const accepted = run(pending, { type: 'accept-transfer', actor: bob });
    expect(accepted.owner).toEqual({ id: 'bob', name: 'Bob' });
    expect(accepted.participants).toEqual([{ id: 'alice', name: 'Alice' }]);
    expect(refusal(accepted, { type: 'end', actor: alice })).toBe('NOT_CHAT_OWNER');
    expect(refusal(accepted, { type: 'send', actor: alice })).toBeNull();
    const left = run(accepted, { type: 'leave', actor: alice });
    expect(left.participants).toEqual([]);
    expect(refusal(left, { type: 'send', actor: alice })).toBe('NOT_CHAT_OWNER');
  });

  it('only the colleague the chat was transferred to can accept it', () => {
    const pending = run(claimedByAlice, toColleague(alice, bob));
    expect(refusal(pending, { type: 'accept-transfer', actor: carol })).toBe('NO_PENDING_TRANSFER');
    expect(refusal(claimedByAlice, { type: 'accept-transfer', actor: bob })).toBe('NO_PENDING_TRANSFER');
    expect(refusal(pending, toColleague(alice, carol))).toBe('TRANSFER_PENDING');
  });

  it('the colleague may decline a transfer offered to them; it stays with Alice, and only they may decline', () => {
    const pending = run(claimedByAlice, toColleague(alice, bob));
    expect(refusal(pending, { type: 'decline-transfer', actor: carol })).toBe('NO_PENDING_TRANSFER');
    expect(refusal(pending, { type: 'decline-transfer', actor: alice })).toBe('NO_PENDING_TRANSFER');
    const decision = decide(pending, { type: 'decline-transfer', actor: bob });
    expect(decision.next).toMatchObject({ status: 'active', owner: { id: 'alice' }, transfer: null });
    expect(decision.notice?.body).toBe('Bob declined the transfer; the chat stays with Alice.');
    expect(refusal(decision.next, { type: 'accept-transfer', actor: bob })).toBe('NO_PENDING_TRANSFER');
    // A department transfer waits in the queue for anyone: nobody declines it.
    const queued = run(claimedByAlice, toResearchHelp(alice));
    expect(refusal(queued, { type: 'decline-transfer', actor: bob })).toBe('NO_PENDING_TRANSFER');
  });

  it('a transfer to a department goes back to its queue; whoever claims it owns it and Alice stays', () => {
    const queued = run(claimedByAlice, toResearchHelp(alice));
    expect(queued).toMatchObject({ status: 'waiting', owner: null, departmentId: 'research' });
    // Until someone claims it, Alice may take it back (she does not monitor Research Help otherwise).
    expect(run(queued, { type: 'claim', actor: alice })).toMatchObject({ status: 'active', owner: { id: 'alice' } });
    const claimed = run(queued, { type: 'claim', actor: carol });
    expect(claimed.owner?.id).toBe('carol');
    expect(claimed.participants.map((member) => member.id)).toEqual(['alice']);
    expect(refusal(claimed, { type: 'end', actor: alice })).toBe('NOT_CHAT_OWNER');
  });

  it('a transfer nobody accepts in time returns to the original operator, and not a moment before', () => {
    const pending = run(claimedByAlice, toColleague(alice, bob, 1_000));
    expect(refusal(pending, { type: 'transfer-timeout', now: 1_000 + MINUTE })).toBe('TRANSFER_PENDING');
    expect(run(pending, { type: 'transfer-timeout', now: 1_000 + 2 * MINUTE })).toEqual(claimedByAlice);
    const queued = run(claimedByAlice, toResearchHelp(alice, 1_000));
    expect(run(queued, { type: 'transfer-timeout', now: 1_000 + 2 * MINUTE })).toEqual(claimedByAlice);
  });

  it('a transfer to someone Offline or Away is refused; Internal colleagues can take one', () => {
    for (const status of ['offline', 'away'] as const) {
      expect(refusal(claimedByAlice, { ...toColleague(alice, bob), targetStatus: status } as ChatAction)).toBe(
        'TRANSFER_TARGET_UNAVAILABLE',
      );
    }
    expect(refusal(claimedByAlice, { ...toColleague(alice, bob), targetStatus: 'internal' } as ChatAction)).toBeNull();
    expect(refusal(claimedByAlice, toColleague(alice, alice))).toBe('BAD_REQUEST');
  });

  it('the owner cannot leave, someone not in the chat cannot leave, and nobody acts on an ended chat', () => {
    expect(refusal(claimedByAlice, { type: 'leave', actor: alice })).toBe('OWNER_CANNOT_LEAVE');
    expect(refusal(claimedByAlice, { type: 'leave', actor: bob })).toBe('NOT_CHAT_PARTICIPANT');
    expect(refusal(claimedByAlice, toColleague(bob, carol))).toBe('NOT_CHAT_OWNER');
    const ended = run(claimedByAlice, { type: 'end', actor: alice });
    expect(refusal(ended, toColleague(alice, bob))).toBe('CHAT_ENDED');
    expect(refusal(ended, { type: 'claim', actor: bob })).toBe('CHAT_ENDED');
    expect(refusal(ended, { type: 'send', actor: alice })).toBe('CHAT_ENDED');
    expect(refusal(ended, { type: 'patron-end' })).toBe('CHAT_ENDED');
  });
});

describe('nobody dropped: patrons who leave, operators who leave', () => {
  const claimed = run(newChat, { type: 'claim', actor: alice });

  it('a waiting patron who leaves keeps the chat waiting, marked away with a deadline; back in time clears it', () => {
    const away = decide(newChat, { type: 'patron-away', now: 1000, returnMs: 3 * MINUTE });
    expect(away.next).toMatchObject({ status: 'waiting', patronAway: { since: 1000, returnBy: 1000 + 3 * MINUTE } });
    expect(away.notice?.body).toBe('The patron left the queue.');
    expect(refusal(away.next, { type: 'patron-away', now: 2000, returnMs: MINUTE })).toBe('PATRON_AWAY');
    const back = decide(away.next, { type: 'patron-back', now: 2000 });
    expect(back.next.patronAway).toBeNull();
    expect(back.notice?.event).toEqual({ type: 'patron-back' });
    expect(refusal(back.next, { type: 'patron-back', now: 3000 })).toBe('PATRON_PRESENT');
  });

  it('past the return period a waiting chat ends unanswered (missed), not a moment before', () => {
    const away = run(newChat, { type: 'patron-away', now: 0, returnMs: MINUTE });
    expect(refusal(away, { type: 'patron-timeout', now: MINUTE - 1 })).toBe('PATRON_AWAY');
    expect(refusal(newChat, { type: 'patron-timeout', now: MINUTE })).toBe('PATRON_PRESENT');
    const missed = decide(away, { type: 'patron-timeout', now: MINUTE });
    expect(missed.next).toMatchObject({ status: 'ended', owner: null });
    expect(missed.notice?.event).toEqual({ type: 'ended', by: 'missed' });
    expect(refusal(missed.next, { type: 'patron-timeout', now: 2 * MINUTE })).toBe('CHAT_ENDED');
  });

  it("an answered chat's patron past the return period is declared gone once; the owner may End Chat", () => {
    const away = run(claimed, { type: 'patron-away', now: 0, returnMs: MINUTE });
    const gone = decide(away, { type: 'patron-timeout', now: MINUTE });
    expect(gone.next).toMatchObject({ status: 'active', patronAway: { leftAt: MINUTE } });
    expect(gone.notice?.event).toEqual({ type: 'patron-left' });
    expect(refusal(gone.next, { type: 'patron-timeout', now: 2 * MINUTE })).toBe('PATRON_AWAY');
    expect(run(gone.next, { type: 'end', actor: alice }).status).toBe('ended');
  });

  it('a chat handed back after its patron was declared gone still ends: not missed, since it was answered', () => {
    const gone = run(
      claimed,
      { type: 'patron-away', now: 0, returnMs: MINUTE },
      { type: 'patron-timeout', now: MINUTE },
      { type: 'hand-back', actor: alice, why: 'connection-lost' },
    );
    expect(gone).toMatchObject({ status: 'waiting', patronAway: { leftAt: MINUTE } });
    const ended = decide(gone, { type: 'patron-timeout', now: 2 * MINUTE });
    expect(ended.next.status).toBe('ended');
    expect(ended.notice).toEqual({
      body: 'The patron had left; the chat ended.',
      event: { type: 'ended', by: 'patron' },
    });
  });

  it('the owner hands a chat back to its queue, marked as returned by them; whoever claims it clears the mark', () => {
    const grouped = run(claimed, toColleague(alice, bob), { type: 'accept-transfer', actor: bob });
    const back = decide(grouped, { type: 'hand-back', actor: bob, why: 'leaving' });
    expect(back.next).toMatchObject({
      status: 'waiting',
      owner: null,
      transfer: null,
      returnedBy: { id: 'bob', name: 'Bob' },
      participants: [{ id: 'alice', name: 'Alice' }],
    });
    expect(back.notice?.body).toBe('Bob had to leave; another librarian will be with you shortly.');
    const lost = decide(grouped, { type: 'hand-back', actor: bob, why: 'connection-lost' });
    expect(lost.notice?.body).toBe('Bob lost their connection; another librarian will be with you shortly.');
    expect(run(back.next, { type: 'claim', actor: sam }).returnedBy).toBeNull();
  });

  it('only the owner of an active chat can hand it back', () => {
    expect(refusal(claimed, { type: 'hand-back', actor: bob, why: 'leaving' })).toBe('NOT_CHAT_OWNER');
    expect(refusal(newChat, { type: 'hand-back', actor: alice, why: 'leaving' })).toBe('CHAT_NOT_ACTIVE');
    const ended = run(claimed, { type: 'end', actor: alice });
    expect(refusal(ended, { type: 'hand-back', actor: alice, why: 'leaving' })).toBe('CHAT_ENDED');
  });
});

/** A colleague as the server sees them when a supervisor picks them. */
const given = (colleague: ChatActor, status: OperatorStatus = 'online') => ({
  id: colleague.id,
  name: colleague.name,
  status,
  departmentIds: colleague.departmentIds,
});

describe('a supervisor can take any chat', () => {
  const claimedByAlice = run(newChat, { type: 'claim', actor: alice });

  it('reassigns an active chat to a colleague who can take it: they own it at once, the previous owner leaves', () => {
    const withOffer = run(claimedByAlice, toColleague(alice, sam));
    const decision = decide(withOffer, { type: 'reassign', actor: sam, to: given(bob) });
    expect(decision.next).toMatchObject({
      status: 'active',
      owner: { id: 'bob', name: 'Bob' },
      participants: [],
      transfer: null,
    });
    expect(decision.notice?.body).toBe('Sam (supervisor) gave this chat to Bob.');
    expect(decision.notice?.event).toEqual({
      type: 'reassigned',
      by: { id: 'sam', name: 'Sam' },
      from: { id: 'alice', name: 'Alice' },
      to: { id: 'bob', name: 'Bob' },
    });
    expect(chatShapeProblem(decision.next)).toBeNull();
  });

  it('reassigns a waiting chat (even one handed back) and takes over one, naming whom it was taken from', () => {
    const handedBack = run(claimedByAlice, { type: 'hand-back', actor: alice, why: 'leaving' });
    expect(run(handedBack, { type: 'reassign', actor: sam, to: given(bob) })).toMatchObject({
      status: 'active',
      owner: { id: 'bob' },
      returnedBy: null,
    });
    const taken = decide(claimedByAlice, { type: 'take-over', actor: sam });
    expect(taken.next).toMatchObject({ status: 'active', owner: { id: 'sam', name: 'Sam' }, participants: [] });
    expect(taken.notice?.body).toBe('Sam (supervisor) took over this chat from Alice.');
    expect(taken.notice?.event).toEqual({
      type: 'taken-over',
      by: { id: 'sam', name: 'Sam' },
      from: { id: 'alice', name: 'Alice' },
    });
    expect(decide(newChat, { type: 'take-over', actor: sam }).notice?.body).toBe(
      'Sam (supervisor) took over this chat.',
    );
  });

  it('keeps the group: a participant stays, and one who is given the chat is its owner, not also a participant', () => {
    const grouped = run(claimedByAlice, toColleague(alice, bob), { type: 'accept-transfer', actor: bob });
    expect(grouped).toMatchObject({ owner: { id: 'bob' }, participants: [{ id: 'alice' }] });
    const back = run(grouped, { type: 'reassign', actor: sam, to: given(alice) });
    expect(back).toMatchObject({ owner: { id: 'alice' }, participants: [] });
    expect(run(grouped, { type: 'take-over', actor: sam })).toMatchObject({
      owner: { id: 'sam' },
      participants: [{ id: 'alice' }],
    });
  });

  it('refuses operators, ended chats, colleagues who cannot take it, and giving it to whoever has it', () => {
    expect(refusal(claimedByAlice, { type: 'reassign', actor: alice, to: given(bob) })).toBe('FORBIDDEN');
    expect(refusal(claimedByAlice, { type: 'take-over', actor: bob })).toBe('FORBIDDEN');
    const ended = run(claimedByAlice, { type: 'end', actor: alice });
    expect(refusal(ended, { type: 'reassign', actor: sam, to: given(bob) })).toBe('CHAT_ENDED');
    expect(refusal(ended, { type: 'take-over', actor: sam })).toBe('CHAT_ENDED');
    for (const status of ['away', 'offline'] as const) {
      expect(refusal(claimedByAlice, { type: 'reassign', actor: sam, to: given(bob, status) })).toBe(
        'TRANSFER_TARGET_UNAVAILABLE',
      );
    }
    // Carol monitors Research only; the chat is in General.
    expect(refusal(claimedByAlice, { type: 'reassign', actor: sam, to: given(carol) })).toBe(
      'TRANSFER_TARGET_UNAVAILABLE',
    );
    expect(refusal(claimedByAlice, { type: 'reassign', actor: sam, to: given(alice) })).toBe('BAD_REQUEST');
    expect(refusal(claimedByAlice, { type: 'reassign', actor: sam, to: given(sam) })).toBe('BAD_REQUEST');
    const mine = run(claimedByAlice, { type: 'take-over', actor: sam });
    expect(refusal(mine, { type: 'take-over', actor: sam })).toBe('BAD_REQUEST');
  });
});

const actorArb = fc.constantFrom(...staff);
const actionArb: fc.Arbitrary<(now: number) => ChatAction> = fc.oneof(
  actorArb.map((actor) => (): ChatAction => ({ type: 'claim', actor })),
  actorArb.map((actor) => (): ChatAction => ({ type: 'send', actor })),
  actorArb.map((actor) => (): ChatAction => ({ type: 'end', actor })),
  actorArb.map((actor) => (): ChatAction => ({ type: 'leave', actor })),
  actorArb.map((actor) => (): ChatAction => ({ type: 'accept-transfer', actor })),
  actorArb.map((actor) => (): ChatAction => ({ type: 'decline-transfer', actor })),
  fc
    .tuple(actorArb, actorArb, fc.constantFrom(...OPERATOR_STATUSES))
    .map(([actor, colleague, targetStatus]) => (now: number): ChatAction => ({
      type: 'transfer',
      actor,
      to: { kind: 'operator', id: colleague.id, name: colleague.name },
      targetStatus,
      briefing: null,
      now,
      timeoutMs: 2 * MINUTE,
    })),
  fc
    .tuple(actorArb, fc.constantFrom('general', 'research'))
    .map(([actor, department]) => (now: number): ChatAction => ({
      type: 'transfer',
      actor,
      to: { kind: 'department', id: department, name: department },
      briefing: null,
      now,
      timeoutMs: 2 * MINUTE,
    })),
  fc.constant((now: number): ChatAction => ({ type: 'transfer-timeout', now })),
  fc.constant((): ChatAction => ({ type: 'patron-end' })),
  fc.constant((now: number): ChatAction => ({ type: 'patron-away', now, returnMs: 3 * MINUTE })),
  fc.constant((now: number): ChatAction => ({ type: 'patron-back', now })),
  fc.constant((now: number): ChatAction => ({ type: 'patron-timeout', now })),
  fc
    .tuple(actorArb, fc.constantFrom('leaving' as const, 'connection-lost' as const))
    .map(([actor, why]) => (): ChatAction => ({ type: 'hand-back', actor, why })),
  fc
    .tuple(actorArb, actorArb, fc.constantFrom(...OPERATOR_STATUSES))
    .map(([actor, colleague, status]) => (): ChatAction => ({ type: 'reassign', actor, to: given(colleague, status) })),
  actorArb.map((actor) => (): ChatAction => ({ type: 'take-over', actor })),
);

describe('whatever operators do, a chat keeps one owner', () => {
  it('no sequence of operator actions leaves an active chat with no owner or two owners, and ended chats stay ended', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(actionArb, fc.integer({ min: 0, max: 3 * MINUTE })), { maxLength: 60 }),
        (steps) => {
          let state = newChat;
          let now = 0;
          let ended = false;
          for (const [makeAction, wait] of steps) {
            now += wait;
            const action = makeAction(now);
            const before = state;
            try {
              state = decide(state, action).next;
            } catch (error) {
              if (!(error instanceof DeskbellError)) throw error;
              // A refusal changes nothing.
              expect(state).toBe(before);
            }
            expect(chatShapeProblem(state)).toBeNull();
            if (state.status === 'active') expect(state.owner).not.toBeNull();
            if (state.owner) expect(state.participants.some((member) => member.id === state.owner?.id)).toBe(false);
            if (ended) expect(state).toEqual(before);
            ended = state.status === 'ended';
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('whatever happens, nobody is left with no one', () => {
  const GRACE = MINUTE / 4;
  const RETURN = 3 * MINUTE;
  /** What the world does besides the chat's actions: operators' consoles and the patron's widget come and go. */
  type WorldStep =
    | { kind: 'action'; make: (now: number) => ChatAction }
    | { kind: 'console-gone'; actor: ChatActor }
    | { kind: 'console-back'; actor: ChatActor }
    | { kind: 'patron-gone' }
    | { kind: 'patron-back' };
  const stepArb: fc.Arbitrary<WorldStep> = fc.oneof(
    actionArb.map((make) => ({ kind: 'action' as const, make })),
    actorArb.map((actor) => ({ kind: 'console-gone' as const, actor })),
    actorArb.map((actor) => ({ kind: 'console-back' as const, actor })),
    fc.constant({ kind: 'patron-gone' as const }),
    fc.constant({ kind: 'patron-back' as const }),
  );

  /** Tries an action; a refusal changes nothing. */
  const tryDecide = (state: ChatMachineState, action: ChatAction): ChatMachineState => {
    try {
      return decide(state, action).next;
    } catch (error) {
      if (!(error instanceof DeskbellError)) throw error;
      return state;
    }
  };

  it('after the upkeep, no active chat is owned by someone gone past the grace, and no waiting chat waits for a patron past the return period', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(stepArb, fc.integer({ min: 0, max: MINUTE })), { maxLength: 80 }), (steps) => {
        let state = newChat;
        let now = 0;
        const goneSince = new Map<string, number>();
        for (const [step, wait] of steps) {
          now += wait;
          if (step.kind === 'action') state = tryDecide(state, step.make(now));
          else if (step.kind === 'console-gone') goneSince.set(step.actor.id, goneSince.get(step.actor.id) ?? now);
          else if (step.kind === 'console-back') goneSince.delete(step.actor.id);
          else if (step.kind === 'patron-gone')
            state = tryDecide(state, { type: 'patron-away', now, returnMs: RETURN });
          else state = tryDecide(state, { type: 'patron-back', now });

          // The upkeep, as the server runs it on its stored deadlines.
          const owner = state.owner && staff.find((member) => member.id === state.owner?.id);
          const since = owner ? goneSince.get(owner.id) : undefined;
          if (state.status === 'active' && owner && since !== undefined && now - since >= GRACE) {
            // Never refused: the server can always hand back for an owner who vanished.
            state = decide(state, { type: 'hand-back', actor: owner, why: 'connection-lost' }).next;
          }
          const away = state.patronAway;
          // As the server's query asks: past the return period, not yet declared gone, or back in a queue.
          if (away && now >= away.returnBy && (away.leftAt === null || state.status === 'waiting')) {
            state = decide(state, { type: 'patron-timeout', now }).next;
          }

          expect(chatShapeProblem(state)).toBeNull();
          const ownerGone = state.owner ? goneSince.get(state.owner.id) : undefined;
          if (state.status === 'active') expect(ownerGone === undefined || now - ownerGone < GRACE).toBe(true);
          if (state.status === 'waiting' && state.patronAway) expect(now).toBeLessThan(state.patronAway.returnBy);
        }
      }),
      { numRuns: 500 },
    );
  });
});
