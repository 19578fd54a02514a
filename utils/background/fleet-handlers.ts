import { browser } from 'wxt/browser';
import { currentManagedConfig } from '../managed/read';
import { saveUserSchedule } from '../schedule/user-schedule';
import type { Fleet } from './fleet';
import { handle } from './handle';

/** Fleet messages for the settings and fleet pages: status, dead letters, the employee's schedule. */
export function registerFleetHandlers(fleet: Fleet): void {
  handle('getFleetStatus', () => fleet.status());
  // Dead letters: the employee exports a refused report (exactly as it would be sent) or removes it.
  handle('getDeadLetter', async ({ id }) => {
    const letter = await (await fleet.queueReady).deadLetter(id);
    return letter ? JSON.stringify(letter.report) : null;
  });
  handle('removeDeadLetter', async ({ id }) => {
    await (await fleet.queueReady).removeDeadLetter(id);
    return fleet.status();
  });
  handle('setUserSchedule', async (change) => {
    const config = await currentManagedConfig();
    if (config.scheduleHours !== undefined && !config.employeeCanDisableSchedule) throw new Error('the schedule is set by your IT department');
    await saveUserSchedule(browser.storage.local, change);
    await fleet.reconcile();
    return fleet.status();
  });
}
