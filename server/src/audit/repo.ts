import { personIdNumber } from '../db/pii';
import { eq, inArray } from 'drizzle-orm';
import { schema, type Queryable } from '../db';

type Ids = Record<'organisation' | 'account' | 'person' | 'declaration' | 'orgChange' | 'changeRequest' | 'transfer', number[]>;
const uniq = (ids: number[]) => [...new Set(ids)];

/** Names of the objects audit rows point to, one query per kind of object. */
export async function objectNames(q: Queryable, ids: Ids) {
  const o = schema.organisations;
  const p = schema.persons;
  const orgs = ids.organisation.length ? await q.select({ id: o.id, name: o.name }).from(o).where(inArray(o.id, uniq(ids.organisation))) : [];
  const accounts = ids.account.length
    ? await q
        .select({ id: schema.accounts.id, role: schema.accounts.role, name: p.name, idNumber: personIdNumber })
        .from(schema.accounts)
        .innerJoin(p, eq(p.id, schema.accounts.personId))
        .where(inArray(schema.accounts.id, uniq(ids.account)))
    : [];
  const persons = ids.person.length ? await q.select({ id: p.id, name: p.name, idNumber: personIdNumber }).from(p).where(inArray(p.id, uniq(ids.person))) : [];
  const d = schema.declarations;
  const declarations = ids.declaration.length
    ? await q.select({ id: d.id, title: d.title, year: d.year, name: p.name }).from(d).innerJoin(p, eq(p.id, d.personId)).where(inArray(d.id, uniq(ids.declaration)))
    : [];
  const c = schema.orgChanges;
  const changes = ids.orgChange.length
    ? await q.select({ id: c.id, kind: c.kind, orgName: o.name }).from(c).innerJoin(o, eq(o.id, c.orgId)).where(inArray(c.id, uniq(ids.orgChange)))
    : [];
  const cr = schema.professionalChangeRequests;
  const requests = ids.changeRequest.length
    ? await q.select({ id: cr.id, name: p.name, idNumber: personIdNumber }).from(cr).innerJoin(p, eq(p.id, cr.personId)).where(inArray(cr.id, uniq(ids.changeRequest)))
    : [];
  const t = schema.professionalTransfers;
  const transfers = ids.transfer.length
    ? await q.select({ id: t.id, name: p.name, idNumber: personIdNumber }).from(t).innerJoin(p, eq(p.id, t.personId)).where(inArray(t.id, uniq(ids.transfer)))
    : [];
  return {
    organisation: new Map(orgs.map((x) => [x.id, x.name])),
    account: new Map(accounts.map((x) => [x.id, x])),
    person: new Map(persons.map((x) => [x.id, x])),
    declaration: new Map(declarations.map((x) => [x.id, x])),
    orgChange: new Map(changes.map((x) => [x.id, x])),
    changeRequest: new Map(requests.map((x) => [x.id, x])),
    transfer: new Map(transfers.map((x) => [x.id, x])),
  };
}
