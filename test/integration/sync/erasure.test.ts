import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { twoLeadersOnOneGroup } from './two-leaders';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const fileBytes = (file: string) => Buffer.concat([file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));

describe('erasure', () => {
  it('removes a participant’s name and contact from every laptop and the server, and the deletion carries none', async () => {
    const { s, a, b, group } = await twoLeadersOnOneGroup(cleanups, { startDate: '2025-02-24' });

    const name = 'Erika Raderasdotter';
    const contact = 'erika.raderas@example.org';
    const p = await a.t.ok('participants.create', {
      groupId: group.id,
      displayName: name,
      relation: 'mother',
      contact,
      enrolmentDate: '2025-02-24',
      consent: 'not_asked',
      consentDate: null,
      childBirthYear: 2018,
      childGender: 'boy',
    } as never);
    await a.t.ok('attendance.set', { participantId: p.id, sessionId: group.sessions[0]!.id, state: 'present' });
    expect(await a.sync()).toBe(true);
    expect(await b.sync()).toBe(true);
    expect(b.t.app.db.sqlite.prepare('select display_name from participants where id = ?').pluck().get(p.id)).toBe(name);
    // A plain delete is refused for a participant with marks; erasure is not.
    expect((await a.t.fail('participants.delete', { id: p.id })).code).toBe('in_use');

    await a.t.ok('participants.erase', { id: p.id });
    expect(await a.sync()).toBe(true);
    expect(await b.sync()).toBe(true);

    for (const l of [a, b]) {
      const db = l.t.app.db.sqlite;
      expect(db.prepare('select count(*) from participants where id = ?').pluck().get(p.id)).toBe(0);
      expect(db.prepare('select count(*) from attendance where participant_id = ?').pluck().get(p.id)).toBe(0);
      expect(db.prepare("select count(*) from sync_cells where row_id = ? and value is not null and cell not like '%~p'").pluck().get(p.id)).toBe(0);
    }
    const server = s.sqlite;
    expect(server.prepare("select count(*) from server_cells where row_id = ? and value is not null and cell not like '%~p'").pluck().get(p.id)).toBe(0);
    // What the deletion keeps is stamps (the ancestry of each cell), never a value.
    expect(
      server.prepare(`select count(*) from server_cells where row_id = ? and cell like '%~p' and value not glob '"[-0-9A-Za-z_,]*"'`).pluck().get(p.id),
    ).toBe(0);
    const files = [a.t.app.databasePath, b.t.app.databasePath, path.join(s.dir, 'server.db')];
    for (const file of files) {
      const bytes = fileBytes(file);
      expect(bytes.includes(Buffer.from(name)), file).toBe(false);
      expect(bytes.includes(Buffer.from(contact)), file).toBe(false);
    }
  });
});
