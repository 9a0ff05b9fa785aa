import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** What the project's lint says of `code` if it stood in `filePath` (the file need not exist). */
async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await new ESLint().lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
}

describe('the layers inside src/ are enforced by npm test’s lint', () => {
  it('the wire contract may not import the rules or the connections', async () => {
    const found = await restrictedImports(
      'src/protocol/probe.ts',
      "import { mergeMessages } from '../domain/message-order';\nimport { Outbox } from '../client/outbox';\nexport const probe = [mergeMessages, Outbox];\n",
    );
    expect(found).toEqual([
      expect.stringContaining('src/protocol/ may not import src/domain/'),
      expect.stringContaining('src/protocol/ may not import src/client/'),
    ]);
  });

  it('the rules may not import the connections, but may import the contract', async () => {
    const found = await restrictedImports(
      'src/domain/probe.ts',
      "import { Outbox } from '../client/outbox';\nimport { LIMITS } from '../protocol/limits';\nexport const probe = [Outbox, LIMITS];\n",
    );
    expect(found).toEqual([expect.stringContaining('src/domain/ may not import src/client/')]);
  });

  it('the layers keep the room’s own rules: still no node:* in src/', async () => {
    const found = await restrictedImports(
      'src/domain/probe.ts',
      "import { readFileSync } from 'node:fs';\nexport const probe = readFileSync;\n",
    );
    expect(found).toEqual([expect.stringContaining('runtime-free')]);
  });

  it('the connections may use both the rules and the contract', async () => {
    const found = await restrictedImports(
      'src/client/probe.ts',
      "import { mergeMessages } from '../domain/message-order';\nimport { LIMITS } from '../protocol/limits';\nexport const probe = [mergeMessages, LIMITS];\n",
    );
    expect(found).toEqual([]);
  });
});
