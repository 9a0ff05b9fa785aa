import { randomBytes } from 'node:crypto';
import { hashPassword } from '../auth/passwords';
import type { Repositories } from '../repositories';
import { DEFAULT_QUESTION_TYPES, GENERAL_REFERENCE } from './library-defaults';

export const FIRST_ADMIN_USERNAME = 'admin';

/**
 * The first start of an empty database (without --demo): one admin account, and
 * one department with the default Question Types so the widget on the demo page
 * has somewhere to ask. Returns the lines to print; the generated password is
 * shown here once and stored only as its hash.
 */
export async function setUpFirstRun(
  repos: Repositories,
  options: { adminPassword: string | undefined; now: number },
): Promise<string[]> {
  if ((await repos.accounts.count()) > 0) return [];
  if ((await repos.departments.list()).length === 0) await repos.departments.ensure(GENERAL_REFERENCE, 0);
  if ((await repos.departments.listQuestionTypes()).length === 0) {
    await repos.departments.ensureQuestionTypes(DEFAULT_QUESTION_TYPES);
  }
  const password = options.adminPassword ?? randomBytes(15).toString('base64url');
  const departmentIds = (await repos.departments.list()).map((department) => department.id);
  await repos.accounts.create(
    {
      username: FIRST_ADMIN_USERNAME,
      displayName: 'Administrator',
      role: 'admin',
      passwordHash: await hashPassword(password),
      departmentIds,
    },
    options.now,
  );
  return options.adminPassword
    ? [`Created the admin account "${FIRST_ADMIN_USERNAME}" with the password from DESKBELL_ADMIN_PASSWORD.`]
    : [
        `Created the admin account "${FIRST_ADMIN_USERNAME}" with the password: ${password}`,
        'This password is shown only once; keep it somewhere safe.',
      ];
}
