import { describe, expect, it } from 'vitest';
import { DeskbellError } from '../../src/protocol/ack';
import { LIMITS } from '../../src/protocol/limits';
import { parsePayload } from '../../src/protocol/parse';
import { operatorSendRequestSchema, startChatRequestSchema } from '../../src/protocol/requests';

function errorOf(action: () => unknown): DeskbellError {
  try {
    action();
  } catch (error) {
    if (error instanceof DeskbellError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('parsing what arrives from outside', () => {
  it('accepts a well-formed message and trims it', () => {
    expect(parsePayload(operatorSendRequestSchema, { chatId: 'c1', id: 'm1', body: '  hello  ' }, 'chat:send')).toEqual(
      {
        chatId: 'c1',
        id: 'm1',
        body: 'hello',
      },
    );
  });

  it('names the field that was wrong', () => {
    const error = errorOf(() =>
      parsePayload(operatorSendRequestSchema, { chatId: 42, id: 'm1', body: 'x' }, 'chat:send'),
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toContain('chatId');
  });

  it('refuses a payload that is not an object at all', () => {
    expect(errorOf(() => parsePayload(operatorSendRequestSchema, 'nonsense', 'chat:send')).code).toBe('BAD_REQUEST');
    expect(errorOf(() => parsePayload(operatorSendRequestSchema, undefined, 'chat:send')).code).toBe('BAD_REQUEST');
  });

  it('gives a message over the size limit its own code', () => {
    const body = 'x'.repeat(LIMITS.messageMaxLength + 1);
    const error = errorOf(() => parsePayload(operatorSendRequestSchema, { chatId: 'c1', id: 'm1', body }, 'chat:send'));
    expect(error.code).toBe('MESSAGE_TOO_LONG');
  });

  it('refuses an empty message', () => {
    expect(
      errorOf(() => parsePayload(operatorSendRequestSchema, { chatId: 'c1', id: 'm1', body: '   ' }, 'chat:send')).code,
    ).toBe('BAD_REQUEST');
  });

  it('a patron must ask a question; name and email are optional, a wrong email is named', () => {
    const started = parsePayload(
      startChatRequestSchema,
      { departmentId: 'general-reference', question: 'Where are the atlases?', name: '', email: '' },
      'chat:start',
    );
    expect(started).toMatchObject({ question: 'Where are the atlases?', name: null, email: null, extraFields: {} });
    expect(
      errorOf(() => parsePayload(startChatRequestSchema, { departmentId: 'd', question: ' ' }, 'chat:start')).message,
    ).toContain('question');
    expect(
      errorOf(() =>
        parsePayload(startChatRequestSchema, { departmentId: 'd', question: 'q', email: 'not-mail' }, 'chat:start'),
      ).message,
    ).toContain('email');
  });
});
