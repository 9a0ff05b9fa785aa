/**
 * One Deskbell per desktop: a second launch must focus the running window, not
 * open a second console that would chirp and pop up twice. Returns false when
 * another instance holds the lock (this one then quits; the other one hears
 * `second-instance` and shows its window).
 */
export function claimSingleInstance(app: { requestSingleInstanceLock(): boolean; quit(): void }): boolean {
  if (app.requestSingleInstanceLock()) return true;
  app.quit();
  return false;
}
