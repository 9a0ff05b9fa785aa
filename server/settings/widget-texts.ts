import { DEFAULT_WIDGET_TEXTS, type WidgetTexts, widgetTextsSchema } from '../../src/protocol/desk-settings';
import type { DepartmentRepository } from '../departments/department-repository';

export const WIDGET_TEXTS_SETTING = 'widgetTexts';

/**
 * The widget's words: the ones an admin saved, each missing or unreadable one
 * the default, so a stored row from an older or newer server never leaves a
 * widget without words.
 */
export async function readWidgetTexts(departments: DepartmentRepository): Promise<WidgetTexts> {
  const stored = await departments.readSetting(WIDGET_TEXTS_SETTING);
  const texts: WidgetTexts = { ...DEFAULT_WIDGET_TEXTS };
  if (stored === null || typeof stored !== 'object') return texts;
  for (const key of Object.keys(texts) as Array<keyof WidgetTexts>) {
    const parsed = widgetTextsSchema.shape[key].safeParse((stored as Record<string, unknown>)[key]);
    if (parsed.success) texts[key] = parsed.data;
  }
  return texts;
}
