import {
  type CoverageDecision,
  type CoverageFacts,
  coverageDecision,
  onlineOutsideHours,
} from '../../src/domain/dark-desk';
import { deskHoursNow, openSince } from '../../src/domain/service-hours';
import type { DeskDepartment } from '../../src/protocol/desk';
import { DEFAULT_ESCALATION_LADDER } from '../../src/protocol/escalation';
import type { DeskbellContext } from '../context';
import { libraryTimeZone } from '../departments/library-time-zone';

/** A department's coverage now: the facts, the decision, and how the Desk view shows it. */
export interface DepartmentCoverage {
  view: DeskDepartment;
  decision: CoverageDecision;
  /** The department has a stored watch row already (false: the watch begins now). */
  watched: boolean;
}

/**
 * Every active department's coverage, decided from its hours, who is Online
 * for it on any node (the online rooms) and its stored watch. Read by the
 * desk watch, which acts on the decisions, and by the Desk view's overview,
 * which only shows them; both therefore always agree.
 */
export async function departmentCoverage(ctx: DeskbellContext, now: number): Promise<DepartmentCoverage[]> {
  const [departments, zone, watches, ladders] = await Promise.all([
    ctx.repos.departments.list(),
    libraryTimeZone(ctx.repos.departments),
    ctx.repos.deskWatch.watches(),
    ctx.repos.deskWatch.ladders(),
  ]);
  return Promise.all(
    departments.map(async (department) => {
      const hours = (await ctx.repos.departments.hoursOf(department.id)) ?? null;
      // Not sure (the cluster's census lacks a node): nobody is called missing, no alarm is raised.
      const someoneOnline = (await ctx.presence.departmentOnline(department.id)) !== 'gone';
      const hoursNow = deskHoursNow(hours, zone, now);
      const watch = watches.get(department.id) ?? { coveredAt: now, alarmSince: null };
      const facts: CoverageFacts = {
        open: hoursNow.open,
        openSince: openSince(hours, zone, now),
        someoneOnline,
        coveredAt: watch.coveredAt,
        alarmSince: watch.alarmSince,
      };
      const decision = coverageDecision(facts, now, ctx.timings.darkDeskMs);
      return {
        decision,
        watched: watches.has(department.id),
        view: {
          id: department.id,
          name: department.name,
          hours: hoursNow,
          coverage: coverageShown(decision, facts),
          darkSince: decision.kind === 'dark' || decision.kind === 'raise' ? decision.darkSince : null,
          onlineOutsideHours: onlineOutsideHours(facts),
          ladder: ladders.get(department.id) ?? DEFAULT_ESCALATION_LADDER,
        },
      };
    }),
  );
}

function coverageShown(decision: CoverageDecision, facts: CoverageFacts): DeskDepartment['coverage'] {
  switch (decision.kind) {
    case 'covered':
      return 'covered';
    case 'clear':
      // The alarm goes: someone is Online again, or the desk closed meanwhile.
      return facts.someoneOnline ? 'covered' : 'closed';
    case 'closed':
      return 'closed';
    case 'raise':
      return 'alarm';
    case 'dark':
      return facts.alarmSince !== null ? 'alarm' : 'dark';
  }
}
