/** A plan in the format a command was asked for (shared by plan and apply). */
import type { Plan } from '../plan/types.js';
import { renderPlanText } from '../render/plan-text.js';
import { renderPlanMarkdown } from '../render/plan-markdown.js';
import { renderPlanJson } from '../render/plan-json.js';

export type PlanFormat = 'text' | 'markdown' | 'json';

export function renderPlan(plan: Plan, format: PlanFormat, colour: boolean): string {
  if (format === 'json') return renderPlanJson(plan);
  if (format === 'markdown') return renderPlanMarkdown(plan);
  return renderPlanText(plan, { colour });
}
