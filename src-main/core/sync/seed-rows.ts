/** How a seeded row is written: with its stable id and the seeds' fixed timestamp. */
export interface SeedRowOptions {
  id: string;
  at: string;
}
