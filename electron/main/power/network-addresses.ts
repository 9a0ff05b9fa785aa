/** What Node's `os.networkInterfaces()` returns, trimmed to what is read here. */
export type InterfaceMap = Record<string, ReadonlyArray<{ address: string; internal: boolean }> | undefined>;

/**
 * The machine's addresses on real networks: loopback is left out, since it
 * never changes when the librarian moves from the office network to home Wi-Fi.
 */
export function externalAddresses(interfaces: InterfaceMap): string[] {
  return Object.values(interfaces).flatMap((list) =>
    (list ?? []).filter((entry) => !entry.internal).map((entry) => entry.address),
  );
}
