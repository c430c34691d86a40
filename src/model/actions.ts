import type { LocalText } from './common.js';
import type { Action, Recommendation } from './questionnaire.js';

/*
 * A recommendation's actions: in format 2 each has an id and names the question it improves; in format 1
 * an action is only a text, known as `RECOMMENDATION#N` (from 1) and tied to no question.
 */

export type ActionItem = Recommendation['actions'][number];

export function isAction(item: ActionItem): item is Action {
  return typeof (item as { id?: unknown }).id === 'string' && typeof (item as { text?: unknown }).text === 'object';
}

export function actionText(item: ActionItem): LocalText {
  return isAction(item) ? item.text : item;
}

/** The id an action is known by in a result: its own, else `RECOMMENDATION#N`. */
export function actionIdOf(recommendation: string, item: ActionItem, index: number): string {
  return isAction(item) ? item.id : `${recommendation}#${index + 1}`;
}
