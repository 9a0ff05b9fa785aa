import type { FastifyInstance } from 'fastify';
import {
  DESK_SETTINGS_PATHS,
  type DeskSettings,
  patronFieldsRequestSchema,
  questionTypesRequestSchema,
  readScaleRequestSchema,
  widgetTextsSchema,
} from '../../src/protocol/desk-settings';
import type { DeskbellContext } from '../context';
import { planPatronFields, planQuestionTypes } from '../settings/desk-settings-rules';
import { pushDeskSettings } from '../settings/push-desk-settings';
import { READ_SCALE_SETTING, readScaleEnabled } from '../settings/read-scale';
import { WIDGET_TEXTS_SETTING, readWidgetTexts } from '../settings/widget-texts';
import { actorOf, parseBody, route, withRole } from './admin-http';

/**
 * Desk settings for admins (`/api/admin/settings/*`): the Question Types, the
 * pre-chat form's extra fields, the widget's words. Each change is audited
 * with before and after, then pushed to open consoles and widgets. Every
 * answer is the whole of the settings, as the page shows them.
 */
export function registerDeskSettingsRoutes(app: FastifyInstance, ctx: DeskbellContext): void {
  const departments = ctx.repos.departments;
  const adminOnly = (request: Parameters<typeof withRole>[1]) => withRole(ctx, request, ['admin']);

  const current = async (): Promise<DeskSettings> => {
    const [questionTypes, patronFields, widgetTexts, readScale] = await Promise.all([
      departments.listAllQuestionTypes(),
      departments.listPatronFields(),
      readWidgetTexts(departments),
      readScaleEnabled(departments),
    ]);
    return { questionTypes, patronFields, widgetTexts, readScale };
  };
  const audit = (me: Parameters<typeof actorOf>[0], action: string, before: unknown, after: unknown) =>
    ctx.repos.audit.record(actorOf(me), { action, targetKind: 'desk', targetId: null, before, after }, ctx.now());
  /** Told to everyone once the change is saved and recorded; a push that fails changes nothing saved. */
  const changed = async () => {
    await pushDeskSettings(ctx);
    return current();
  };

  app.get(
    DESK_SETTINGS_PATHS.settings,
    route(async (request) => {
      await adminOnly(request);
      return current();
    }),
  );

  app.put(
    DESK_SETTINGS_PATHS.questionTypes,
    route(async (request) => {
      const me = await adminOnly(request);
      const { types } = parseBody(questionTypesRequestSchema, request.body);
      const before = await departments.listQuestionTypes();
      await departments.replaceQuestionTypes(planQuestionTypes(await departments.listAllQuestionTypes(), types));
      await audit(me, 'desk.question-types', before, await departments.listQuestionTypes());
      return changed();
    }),
  );

  app.put(
    DESK_SETTINGS_PATHS.patronFields,
    route(async (request) => {
      const me = await adminOnly(request);
      const { fields } = parseBody(patronFieldsRequestSchema, request.body);
      const before = await departments.listPatronFields();
      await departments.replacePatronFields(planPatronFields(before, fields));
      await audit(me, 'desk.patron-fields', before, await departments.listPatronFields());
      return changed();
    }),
  );

  app.put(
    DESK_SETTINGS_PATHS.readScale,
    route(async (request) => {
      const me = await adminOnly(request);
      const { enabled } = parseBody(readScaleRequestSchema, request.body);
      const before = await readScaleEnabled(departments);
      await departments.writeSetting(READ_SCALE_SETTING, enabled, ctx.now());
      await audit(me, 'desk.read-scale', before, enabled);
      return changed();
    }),
  );

  app.put(
    DESK_SETTINGS_PATHS.widgetTexts,
    route(async (request) => {
      const me = await adminOnly(request);
      const texts = parseBody(widgetTextsSchema, request.body);
      const before = await readWidgetTexts(departments);
      await departments.writeSetting(WIDGET_TEXTS_SETTING, texts, ctx.now());
      await audit(me, 'desk.widget-texts', before, texts);
      return changed();
    }),
  );
}
