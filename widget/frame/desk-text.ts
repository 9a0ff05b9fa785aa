import { DEFAULT_WIDGET_TEXTS, type WidgetTexts } from '../../src/protocol/desk-settings';
import type { WidgetConfig } from '../../src/protocol/patron-contract';

/** The library's words from widget:config; an older server sends none, and the widget's defaults stand. */
export function textsOf(config: WidgetConfig | null): WidgetTexts {
  return config?.texts ?? DEFAULT_WIDGET_TEXTS;
}

/** An admin's text with `{department}` made the department's name: one greeting serves every department. */
export function fillDeskText(text: string, departmentName: string): string {
  return text.replaceAll('{department}', departmentName);
}
