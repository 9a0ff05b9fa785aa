import { describe, expect, it } from 'vitest';
import { readClusterSettings } from '../../server/config/cluster-config';

const PG = 'postgres://deskbell@db/deskbell';

describe('reading the cluster options (REDIS_URL, DESKBELL_NODE_ID)', () => {
  it('serves alone without REDIS_URL, under a node id made of the host and the process', () => {
    const settings = readClusterSettings({}, undefined);
    expect(settings.redisUrl).toBeUndefined();
    expect(settings.nodeId).toMatch(new RegExp(`-${process.pid}-[0-9a-f]{4}$`));
  });

  it('takes a redis:// or rediss:// URL (with a password and a database number) beside DATABASE_URL', () => {
    expect(readClusterSettings({ REDIS_URL: 'redis://127.0.0.1:6380' }, PG).redisUrl).toBe('redis://127.0.0.1:6380');
    expect(readClusterSettings({ REDIS_URL: ' rediss://:s3cret@cache.library.org:6380/2 ' }, PG).redisUrl).toBe(
      'rediss://:s3cret@cache.library.org:6380/2',
    );
    expect(readClusterSettings({ REDIS_URL: '', DESKBELL_NODE_ID: 'desk-1' }, PG)).toEqual({
      redisUrl: undefined,
      nodeId: 'desk-1',
    });
  });

  it('refuses REDIS_URL on SQLite, saying why', () => {
    expect(() => readClusterSettings({ REDIS_URL: 'redis://127.0.0.1:6380' }, undefined)).toThrow(
      /REDIS_URL needs DATABASE_URL: the nodes of a cluster share one PostgreSQL database/,
    );
  });

  it('names the variable that is wrong, without echoing a URL that may hold a password', () => {
    expect(() => readClusterSettings({ REDIS_URL: 'http://:hunter2@cache:6379' }, PG)).toThrow(
      'REDIS_URL: must be a redis:// or rediss:// URL',
    );
    try {
      readClusterSettings({ REDIS_URL: 'http://:hunter2@cache:6379' }, PG);
    } catch (error) {
      expect(String(error)).not.toContain('hunter2');
    }
    expect(() => readClusterSettings({ DESKBELL_NODE_ID: 'node one' }, PG)).toThrow(
      'DESKBELL_NODE_ID: must be 1 to 64 letters, digits, dots, dashes or underscores',
    );
  });
});
