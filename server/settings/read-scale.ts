import type { DepartmentRepository } from '../departments/department-repository';

export const READ_SCALE_SETTING = 'readScale';

/** Whether the analytics entry asks for the READ scale: off until an admin turns it on. */
export async function readScaleEnabled(departments: DepartmentRepository): Promise<boolean> {
  return (await departments.readSetting(READ_SCALE_SETTING)) === true;
}
