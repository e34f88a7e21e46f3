/** Day arithmetic on plain YYYY-MM-DD dates, counted as whole UTC days so no time zone shifts them. */
const msPerDay = 86_400_000;

export const dayNumber = (isoDate: string): number => Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / msPerDay);
export const isoFromDay = (day: number): string => new Date(day * msPerDay).toISOString().slice(0, 10);
/** ISO weekday: Monday 1 … Sunday 7. */
export const isoWeekday = (day: number): number => ((((day + 3) % 7) + 7) % 7) + 1;
export const monthOf = (day: number): number => new Date(day * msPerDay).getUTCMonth() + 1;
export const dayOfMonth = (day: number): number => new Date(day * msPerDay).getUTCDate();
export const timestampOf = (day: number, time = '08:00'): string => `${isoFromDay(day)}T${time}:00.000Z`;
