import { isValidTimeZone } from '../../src/domain/service-hours';
import type { DepartmentRepository } from './department-repository';

export const TIME_ZONE_SETTING = 'timeZone';

/** The server machine's own zone: right for a library that runs Deskbell on its own premises. */
export function machineTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return isValidTimeZone(zone) ? zone : 'UTC';
}

/** The zone hours of service are read in: the one an admin set, else the machine's. */
export async function libraryTimeZone(departments: DepartmentRepository): Promise<string> {
  const stored = await departments.readSetting(TIME_ZONE_SETTING);
  return typeof stored === 'string' && isValidTimeZone(stored) ? stored : machineTimeZone();
}
