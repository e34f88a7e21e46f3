import type { z } from 'zod';
import en from 'zod/v4/locales/en.js';
import sv from 'zod/v4/locales/sv.js';
import { ruleMessages, type RuleMessageKey } from '../../contract/messages';
import type { Bilingual } from '../errors';

const svLocale = sv();
const enLocale = en();

/** A row checked against a form's own contract schema: its issues by field path, in both languages. */
export function schemaIssues(schema: z.ZodType, input: unknown): { path: string; message: Bilingual }[] {
  const enIssues = schema.safeParse(input, { error: enLocale.localeError }).error?.issues ?? [];
  const svIssues = schema.safeParse(input, { error: svLocale.localeError }).error?.issues ?? [];
  return enIssues.map((issue, i) => {
    const svText = svIssues[i]?.message ?? issue.message;
    const rule = svText.startsWith('msg:') ? ruleMessages[svText.slice(4) as RuleMessageKey] : undefined;
    return { path: issue.path.map(String).join('.'), message: rule ?? { sv: svText, en: issue.message } };
  });
}
