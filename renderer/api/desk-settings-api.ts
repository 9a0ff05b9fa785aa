import {
  DESK_SETTINGS_PATHS,
  deskSettingsSchema,
  type DeskSettings,
  type PatronFieldsRequest,
  type QuestionTypesRequest,
  type WidgetTexts,
} from '../../src/protocol';
import type { AdminRequest } from './admin-request';

/** Desk settings (`/api/admin/settings/*`), admins only; every answer is the whole of the settings as saved. */
export interface DeskSettingsApi {
  deskSettings(token?: string): Promise<DeskSettings>;
  saveQuestionTypes(request: QuestionTypesRequest, token?: string): Promise<DeskSettings>;
  savePatronFields(request: PatronFieldsRequest, token?: string): Promise<DeskSettings>;
  saveWidgetTexts(texts: WidgetTexts, token?: string): Promise<DeskSettings>;
  saveReadScale(enabled: boolean, token?: string): Promise<DeskSettings>;
}

export function deskSettingsCalls(request: AdminRequest): DeskSettingsApi {
  const put = (path: string, body: unknown, token: string | undefined) =>
    request(deskSettingsSchema, path, { method: 'PUT', body, token });
  return {
    deskSettings: (token) => request(deskSettingsSchema, DESK_SETTINGS_PATHS.settings, { token }),
    saveQuestionTypes: (body, token) => put(DESK_SETTINGS_PATHS.questionTypes, body, token),
    savePatronFields: (body, token) => put(DESK_SETTINGS_PATHS.patronFields, body, token),
    saveWidgetTexts: (texts, token) => put(DESK_SETTINGS_PATHS.widgetTexts, texts, token),
    saveReadScale: (enabled, token) => put(DESK_SETTINGS_PATHS.readScale, { enabled }, token),
  };
}
