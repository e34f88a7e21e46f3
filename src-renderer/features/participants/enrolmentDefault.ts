/**
 * The enrolment date a new participant is offered. Someone added once the group is under way
 * joins on the day she is added, so the sessions before it are not hers to attend; someone added
 * before the group starts is offered the start, the first session she can come to.
 */
export const defaultEnrolmentDate = (groupStartDate: string, today: string): string => (groupStartDate > today ? groupStartDate : today);
