/**
 * Double entry: two people type the same paper form, and what they typed differently is shown
 * item by item until someone decides each difference against the paper. Kept apart from storage
 * so the comparison and the reconciliation can be read and tested on their own.
 */
export type Answer = number | null;

export interface Typing {
  date: string;
  answers: Readonly<Record<string, Answer>>;
}

export interface ItemDifference {
  code: string;
  first: Answer;
  second: Answer;
}

export interface Differences {
  date: { first: string; second: string } | null;
  /** In the instrument's item order. */
  items: ItemDifference[];
}

/** What the second typing differs in from the first; a blank item differs from any answer. */
export function differencesOf(itemCodes: readonly string[], first: Typing, second: Typing): Differences {
  const items: ItemDifference[] = [];
  for (const code of itemCodes) {
    const a = first.answers[code] ?? null;
    const b = second.answers[code] ?? null;
    if (a !== b) items.push({ code, first: a, second: b });
  }
  return { date: first.date === second.date ? null : { first: first.date, second: second.date }, items };
}

export const agree = (d: Differences): boolean => d.date === null && d.items.length === 0;

export interface Decision {
  /** The date on the paper; needed only when the two typings differ in it. */
  date?: string | undefined;
  /** A value (or null for blank) for every item that differs; other items are taken as both typed them. */
  answers: Readonly<Record<string, Answer>>;
}

export type Reconciled = { ok: true; date: string; answers: Record<string, Answer> } | { ok: false; undecided: string[] };

/**
 * The response both typings and the decision give: agreed items as typed, differing ones as
 * decided. Every difference must be decided (the date included when it differs); a decision about
 * an item that did not differ is ignored, so reconciling can never change what two people agreed on.
 */
export function reconcile(itemCodes: readonly string[], first: Typing, second: Typing, decision: Decision): Reconciled {
  const differences = differencesOf(itemCodes, first, second);
  const undecided = differences.items.filter((d) => !Object.hasOwn(decision.answers, d.code)).map((d) => d.code);
  if (differences.date && decision.date === undefined) undecided.unshift('date');
  if (undecided.length) return { ok: false, undecided };
  const differing = new Set(differences.items.map((d) => d.code));
  const answers = Object.fromEntries(itemCodes.map((code) => [code, differing.has(code) ? (decision.answers[code] ?? null) : (first.answers[code] ?? null)]));
  return { ok: true, date: differences.date ? decision.date! : first.date, answers };
}
