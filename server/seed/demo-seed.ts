import type { Role } from '../../src/protocol/models';
import { hashPassword } from '../auth/passwords';
import type { Repositories } from '../repositories';
import { DEFAULT_QUESTION_TYPES, GENERAL_REFERENCE, LIBRARY_CARD_FIELD, RESEARCH_HELP } from './library-defaults';

export const DEMO_PASSWORD = 'deskbell-demo';

export const DEMO_ACCOUNTS: ReadonlyArray<{ username: string; displayName: string; role: Role }> = [
  { username: 'alice', displayName: 'Alice', role: 'operator' },
  { username: 'bob', displayName: 'Bob', role: 'operator' },
  { username: 'sam', displayName: 'Sam', role: 'supervisor' },
];

/**
 * `--demo`: a small library to try Deskbell with. Safe to run on every start:
 * what exists is left alone (a changed password stays changed), what is missing is added.
 */
export async function seedDemoLibrary(repos: Repositories, now: number): Promise<void> {
  const departments = [GENERAL_REFERENCE, RESEARCH_HELP];
  for (const [order, department] of departments.entries()) await repos.departments.ensure(department, order);
  await repos.departments.ensureQuestionTypes(DEFAULT_QUESTION_TYPES);
  await repos.departments.ensurePatronFields([LIBRARY_CARD_FIELD]);
  for (const demo of DEMO_ACCOUNTS) {
    const id =
      (await repos.accounts.findIdByUsername(demo.username)) ??
      (await repos.accounts.create({ ...demo, passwordHash: await hashPassword(DEMO_PASSWORD) }, now));
    for (const department of departments) await repos.accounts.addMembership(id, department.id);
  }
}

/** The lines main prints so a person can log in to the demo. */
export function demoLoginLines(): string[] {
  return [
    `Demo logins (password ${DEMO_PASSWORD}):`,
    ...DEMO_ACCOUNTS.map((account) => `  ${account.username.padEnd(6)} ${account.displayName} (${account.role})`),
  ];
}
