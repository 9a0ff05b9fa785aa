import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR_REQUESTS } from '../../src/protocol/operator-contract';
import { PATRON_REQUESTS } from '../../src/protocol/patron-contract';
import {
  askRaw,
  closeAllClients,
  connectPatron,
  signIn,
  type OperatorClient,
  type PatronClient,
} from '../support/clients';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * The contract tables are the whole socket contract: the server answers every
 * request they list, and parses it from the table (a payload of the wrong
 * shape is refused naming the event, never as an unknown event).
 */
describe('the server serves every request of the socket contract', () => {
  let server: TestServer;
  let operator: OperatorClient;
  let patron: PatronClient;
  beforeAll(async () => {
    // One socket asks every request in a row: more than the default burst, which is not what this tests.
    server = await startTestServer({ socketRateLimit: { burst: 200, perSecond: 100 } });
    operator = (await signIn(server.url, 'alice')).socket;
    patron = await connectPatron(server.url);
  });
  afterAll(async () => {
    closeAllClients();
    await server.close();
  });

  it.each(Object.keys(OPERATOR_REQUESTS))('/operator answers %s, parsed from its table row', async (event) => {
    const ack = await askRaw(operator, event, 42);
    expect(ack.ok).toBe(false);
    if (!ack.ok) {
      expect(ack.error.code).toBe('BAD_REQUEST');
      expect(ack.error.message).toMatch(new RegExp(`^${event}: `));
    }
  });

  it.each(Object.keys(PATRON_REQUESTS))('/patron answers %s, parsed from its table row', async (event) => {
    const ack = await askRaw(patron, event, 42);
    expect(ack.ok).toBe(false);
    if (!ack.ok) {
      expect(ack.error.code).toBe('BAD_REQUEST');
      expect(ack.error.message).toMatch(new RegExp(`^${event}: `));
    }
  });

  it('an event outside the contract is refused as unknown', async () => {
    // A socket of its own: the walk above spent the first one's burst of requests.
    const fresh = (await signIn(server.url, 'bob')).socket;
    const ack = await askRaw(fresh, 'chat:teleport', {});
    expect(ack.ok === false && ack.error.message).toMatch(/Unknown event/);
  });
});
