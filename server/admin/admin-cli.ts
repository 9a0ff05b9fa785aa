import { SETUP_HASH_PREFIX, SETUP_LINK_DAYS } from '../../src/protocol/admin';
import { parseArgs } from 'node:util';
import { newAccountRequestSchema } from '../../src/protocol/admin';
import type { Repositories } from '../repositories';
import { AccountAdmin, AdminRefusal } from './account-admin';
import { COMMAND_LINE_ACTOR } from './audit-repository';

export const ADMIN_CLI_USAGE = `Usage: npm run admin -- <command> [options]   (the server's data, as the server finds it:
       --data-dir DIR or DESKBELL_DATA_DIR for SQLite, DATABASE_URL for PostgreSQL)

  list                                   every staff account, active or not
  create <username> --name "Full Name" [--role operator|supervisor|admin] [--department ID ...]
                                         a new account; prints its temporary password
  reset-password <username>              a new temporary password (sessions end)
  reactivate <username>                  lets a deactivated account log in again`;

export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

/**
 * `deskbell admin ...`: what a library whose only admin is locked out needs,
 * run on the server's machine against its database. The same rules as the
 * Administration page (AccountAdmin), audited as the command line. Returns
 * the exit code: 0 done, 1 refused, 2 a usage mistake.
 */
export async function runAdminCommand(
  argv: readonly string[],
  deps: { repos: Repositories; now: () => number; io: CliOutput },
): Promise<number> {
  const { io } = deps;
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    io.err(`deskbell admin: ${(error instanceof Error ? error.message : String(error)).split('\n')[0] ?? ''}`);
    io.err(ADMIN_CLI_USAGE);
    return 2;
  }
  const [command, username, ...extra] = parsed.positionals;
  const admin = new AccountAdmin(deps.repos, deps.now);
  const usage = (why: string) => {
    io.err(`deskbell admin: ${why}`);
    io.err(ADMIN_CLI_USAGE);
    return 2;
  };
  if (extra.length > 0) return usage(`unexpected argument "${extra[0] ?? ''}"`);
  try {
    switch (command) {
      case 'list': {
        if (username !== undefined) return usage('list takes no username');
        const departments = new Map((await deps.repos.departments.list()).map((d) => [d.id, d.name]));
        for (const account of await admin.list()) {
          const where = account.departmentIds.map((id) => departments.get(id) ?? id).join(', ') || '-';
          const state = account.active ? (account.mustChangePassword ? 'temporary password' : 'active') : 'deactivated';
          io.out(
            `${account.username.padEnd(16)} ${account.displayName.padEnd(24)} ${account.role.padEnd(10)} ${state.padEnd(18)} ${where}`,
          );
        }
        return 0;
      }
      case 'create': {
        if (username === undefined) return usage('create needs a username');
        const request = newAccountRequestSchema.safeParse({
          username,
          displayName: parsed.values.name ?? '',
          role: parsed.values.role ?? 'operator',
          departmentIds: parsed.values.department ?? [],
        });
        if (!request.success) {
          const issue = request.error.issues[0];
          const option = { displayName: '--name', role: '--role', departmentIds: '--department' }[
            String(issue?.path[0])
          ];
          return usage(`${option ?? String(issue?.path[0] ?? 'username')}: ${issue?.message ?? 'is not valid'}`);
        }
        const { account, temporaryPassword, setupToken } = await admin.create(COMMAND_LINE_ACTOR, request.data);
        io.out(`Created ${account.role} "${account.username}" (${account.displayName}).`);
        io.out(`Temporary password: ${temporaryPassword}`);
        io.out(setupLinkLine(setupToken));
        io.out('They choose their own password when they first log in.');
        return 0;
      }
      case 'reset-password':
      case 'reactivate': {
        if (username === undefined) return usage(`${command} needs a username`);
        const account = await admin.findByUsername(username.trim().toLowerCase());
        if (!account) {
          io.err(`deskbell admin: there is no account "${username}" (see: npm run admin -- list)`);
          return 1;
        }
        if (command === 'reactivate') {
          await admin.reactivate(COMMAND_LINE_ACTOR, account.id);
          io.out(`"${account.username}" can log in again.`);
          return 0;
        }
        const { temporaryPassword, setupToken } = await admin.resetPassword(COMMAND_LINE_ACTOR, account.id);
        io.out(`New temporary password for "${account.username}": ${temporaryPassword}`);
        io.out(setupLinkLine(setupToken));
        io.out('Their sessions have ended; they choose their own password at the next login.');
        return 0;
      }
      case undefined:
        return usage('no command given');
      default:
        return usage(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof AdminRefusal) {
      io.err(`deskbell admin: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: {
      name: { type: 'string' },
      role: { type: 'string' },
      department: { type: 'string', multiple: true },
    },
    strict: true,
    allowPositionals: true,
  });
}

/** The set-up link as the command line can give it: it knows the path, not the server's public address. */
function setupLinkLine(token: string): string {
  return `Or the one-time set-up link (${SETUP_LINK_DAYS} days): <your Deskbell address>/console/${SETUP_HASH_PREFIX}${token}`;
}
