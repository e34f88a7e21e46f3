import { text } from 'drizzle-orm/sqlite-core';

/** Every row carries a UUID and ISO-8601 UTC timestamps, set by the repository layer. */
export const idColumn = () => text('id').primaryKey();
export const timestamps = {
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
};
