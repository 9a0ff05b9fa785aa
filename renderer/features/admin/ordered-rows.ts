/** The list with the item at `index` moved one place up (-1) or down (+1); unchanged at either end. */
export function moved<T>(list: readonly T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return [...list];
  const copy = [...list];
  const [item] = copy.splice(index, 1);
  copy.splice(to, 0, item as T);
  return copy;
}

let lastKey = 0;
/** A key for a row being edited that the server has no id for yet. */
export const draftKey = (): string => `draft-${(lastKey += 1)}`;

/**
 * After a move re-rendered the list, the focus goes back to the moved row's
 * button with that word, or its other move button once it reached an end.
 */
export function focusRowButton(container: HTMLElement | null, rowKey: string, words: readonly string[]): void {
  requestAnimationFrame(() => {
    const row = container?.querySelector(`[data-row-key="${CSS.escape(rowKey)}"]`);
    const buttons = [...(row?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    for (const word of words) {
      const button = buttons.find((item) => item.textContent === word && !item.disabled);
      if (button) return button.focus();
    }
  });
}
