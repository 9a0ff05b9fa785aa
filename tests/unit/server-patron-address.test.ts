import { describe, expect, it } from 'vitest';
import { patronAddress } from '../../server/patrons/patron-address';

const handshake = (address: string, forwarded?: string | string[]) => ({
  address,
  headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded },
});

describe("the patron's IP address", () => {
  it('is the connecting address when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(patronAddress(handshake('198.51.100.4', '203.0.113.7'), false)).toBe('198.51.100.4');
  });

  it('is the first X-Forwarded-For hop behind a trusted proxy', () => {
    expect(patronAddress(handshake('10.0.0.2', '203.0.113.7, 10.0.0.1'), true)).toBe('203.0.113.7');
    expect(patronAddress(handshake('10.0.0.2', ['2001:db8::1', '10.0.0.1']), true)).toBe('2001:db8::1');
  });

  it('falls back to the connecting address when the forwarded value is not an address', () => {
    expect(patronAddress(handshake('10.0.0.2', '<script>'), true)).toBe('10.0.0.2');
    expect(patronAddress(handshake('10.0.0.2'), true)).toBe('10.0.0.2');
  });

  it('shows IPv4 addresses seen through an IPv6 socket the way people write them', () => {
    expect(patronAddress(handshake('::ffff:192.0.2.33'), false)).toBe('192.0.2.33');
    expect(patronAddress(handshake('10.0.0.2', '::ffff:192.0.2.34'), true)).toBe('192.0.2.34');
  });
});
