import type { Role } from '../../src/protocol/models';
import { hashPassword } from '../auth/passwords';
import type { Repositories } from '../repositories';
import { DEFAULT_QUESTION_TYPES, GENERAL_REFERENCE, LIBRARY_CARD_FIELD, RESEARCH_HELP } from './library-defaults';

export const DEMO_PASSWORD = 'deskbell-demo';

export const DEMO_ACCOUNTS: ReadonlyArray<{ username: string; displayName: string; role: Role }> = [
  { username: 'alice', displayName: 'Alice', role: 'operator' },
  { username: 'bob', displayName: 'Bob', role: 'operator' },
  { username: 'sam', displayName: 'Sam', role: 'supervisor' },
  { username: 'dana', displayName: 'Dana', role: 'admin' },
];

/** General Reference's shared canned messages, to try `/` in the message box with. */
export const DEMO_CANNED: ReadonlyArray<{ departmentId: string; shortcut: string; body: string }> = [
  {
    departmentId: GENERAL_REFERENCE.id,
    shortcut: 'hours',
    body: 'The library is open Monday to Friday 9 to 8, and Saturday 10 to 5. Our hours for holidays are on the home page.',
  },
  {
    departmentId: GENERAL_REFERENCE.id,
    shortcut: 'renew',
    body: 'You can renew your loans under My Account with your library card number; items can be renewed twice unless someone has placed a hold.',
  },
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
  await seedDemoCanned(repos, now);
}

/** Adds the shared demo canned messages a department lacks (by shortcut); edited ones stay as they are. */
async function seedDemoCanned(repos: Repositories, now: number): Promise<void> {
  for (const demo of DEMO_CANNED) {
    // Nobody's id: only the department's shared ones come back.
    const held = await repos.canned.listFor('', [demo.departmentId]);
    if (held.some((canned) => canned.departmentId === demo.departmentId && canned.shortcut === demo.shortcut)) continue;
    await repos.canned.create({ ...demo, ownerId: null }, now);
  }
}

/** The lines main prints so a person can log in to the demo. */
export function demoLoginLines(): string[] {
  return [
    `Demo logins (password ${DEMO_PASSWORD}):`,
    ...DEMO_ACCOUNTS.map((account) => `  ${account.username.padEnd(6)} ${account.displayName} (${account.role})`),
  ];
}
