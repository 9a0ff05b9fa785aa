/** Polls until `check` passes or `ms` is over (then its last failure is thrown); resolves with how long it took. */
export async function eventually(check: () => Promise<void>, ms: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    try {
      await check();
      return Date.now() - started;
    } catch (error) {
      if (Date.now() - started > ms) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
