import type { DeskbellContext } from '../context';
import { readScaleEnabled } from './read-scale';
import { readWidgetTexts } from './widget-texts';

/**
 * Tells every open console and widget the desk settings as they now are, so
 * a change applies without a reload: consoles get the Question Types (the
 * analytics entry) and the patron fields (patron info); widgets their words
 * and the pre-chat form's fields. Sockets on another node over the same
 * database hear nothing; they read the new rows at their next sync or
 * widget:config, within the repository's few seconds of caching.
 */
export async function pushDeskSettings(ctx: DeskbellContext): Promise<void> {
  const [questionTypes, patronFields, texts, readScale] = await Promise.all([
    ctx.repos.departments.listQuestionTypes(),
    ctx.repos.departments.listPatronFields(),
    readWidgetTexts(ctx.repos.departments),
    readScaleEnabled(ctx.repos.departments),
  ]);
  ctx.operators.emit('desk:settings', { questionTypes, patronFields, readScale });
  ctx.patrons.emit('widget:settings', { patronFields, texts });
}
