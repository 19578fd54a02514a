import * as v from 'valibot';
import type { StorageArea } from '../platform/storage-area';
import { MAX_SCHEDULE_HOURS, MIN_USER_SCHEDULE_HOURS } from './hours';
import type { UserSchedule } from './plan';

export const USER_SCHEDULE_KEY = 'fleetUserSchedule';
export { MIN_USER_SCHEDULE_HOURS };

const UserScheduleSchema = v.object({
  enabled: v.boolean(),
  hours: v.pipe(v.number(), v.minValue(MIN_USER_SCHEDULE_HOURS), v.maxValue(MAX_SCHEDULE_HOURS)),
});

/** The stored choice, or undefined when the employee never chose (or storage holds garbage). */
export async function loadUserSchedule(area: StorageArea): Promise<UserSchedule | undefined> {
  const result = v.safeParse(UserScheduleSchema, (await area.get(USER_SCHEDULE_KEY))[USER_SCHEDULE_KEY]);
  return result.success ? result.output : undefined;
}

/** Store the employee's choice; hours are clamped into range, default daily. */
export async function saveUserSchedule(area: StorageArea, change: { enabled: boolean; hours?: number }): Promise<UserSchedule> {
  const previous = await loadUserSchedule(area);
  const hours = Math.min(MAX_SCHEDULE_HOURS, Math.max(MIN_USER_SCHEDULE_HOURS, change.hours ?? previous?.hours ?? 24));
  const next = { enabled: change.enabled, hours: Number.isFinite(hours) ? hours : 24 };
  await area.set({ [USER_SCHEDULE_KEY]: next });
  return next;
}
