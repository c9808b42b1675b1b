import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { addMonths, followUpJobId, JobName } from '@chanjiao/core';
import { DEMO_CONSORTIUM_ID } from '@chanjiao/consortia';
import { buildApiApp } from '../apps/api/src/bootstrap';
import {
  addPerson,
  chinaToday,
  eventually,
  HttpClient,
  httpClient,
  insertConsortium,
  startTestStack,
  TestPerson,
  seedDemo,
  TestStack,
  testClock,
  waitForJobState,
} from '@chanjiao/testing';

/** `HH:MM` on a China-time day as an instant with its offset. */
const iso = (date: string, time: string) => `${date}T${time}:00+08:00`;
const weekdayOf = (date: string) => {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
};
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
/** The first Monday–Friday on or after `date`. */
const weekdayFrom = (date: string): string => (weekdayOf(date) <= 5 ? date : weekdayFrom(addDays(date, 1)));
const ALL_DAY = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '00:00', closes: '24:00' }));
const OFFICE = [1, 2, 3, 4, 5].flatMap((weekday) => [
  { weekday, opens: '08:30', closes: '12:00' },
  { weekday, opens: '13:30', closes: '17:30' },
]);
const NINE_TO_FIVE = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '09:00', closes: '17:00' }));

/**
 * Shared training bases through HTTP: bases managed by their host and the secretariat,
 * bookings raced in parallel (through two API processes) for the last workstations, each
 * booking rule refused by name, weekly series all-or-nothing, the life cycle with the
 * no-show job, availability across bases, the calendar, utilisation and its export, and
 * the indicators' auto source.
 */
describe('training bases: bases → bookings → availability → utilisation', () => {
  let stack: TestStack;
  let cid: string;
  let api: string;
  let sec: HttpClient;
  let observer: HttpClient;
  let host: TestPerson;
  let ent1: TestPerson;
  let ent2: TestPerson;
  let gov: TestPerson;
  let owner: Client;
  let second: NestFastifyApplication;
  const org: Record<string, string> = {};
  const baseIds: Record<string, string> = {};

  beforeAll(async () => {
    stack = await startTestStack();
    cid = (await insertConsortium(stack.db.ownerUrl)).id;
    api = `/api/v1/consortia/${cid}`;
    sec = (await addPerson(stack.admin, cid, 'secretariat')).http;
    observer = (await addPerson(stack.admin, cid, 'observer')).http;
    for (const [key, body] of Object.entries({
      school: { type: 'higher_vocational', name: '园区职业技术学院' },
      ent1: { type: 'enterprise', name: '智造精密机械有限公司', creditCode: '91350100M000100Y43' },
      ent2: { type: 'enterprise', name: '汇芯半导体有限公司', creditCode: '91320594MA1X2B3C4U' },
      gov: { type: 'government', name: '园区管委会' },
      visitor: { type: 'enterprise', name: '申请中的访客企业', creditCode: '91320594MA1X2B3D50' },
    })) {
      const created = await sec.post(`${api}/organizations`, { body });
      if (created.status !== 201) throw new Error(`organization ${key}: ${created.text}`);
      org[key] = created.body.id;
      if (key !== 'visitor') {
        await sec.post(`${api}/organizations/${org[key]}/membership-transitions`, {
          body: { to: 'active', effectiveOn: chinaToday(-200) },
        });
      }
    }
    host = await addPerson(stack.admin, cid, 'member', org.school);
    ent1 = await addPerson(stack.admin, cid, 'member', org.ent1);
    ent2 = await addPerson(stack.admin, cid, 'member', org.ent2);
    gov = await addPerson(stack.admin, cid, 'member', org.gov);
    owner = new Client({ connectionString: stack.db.ownerUrl });
    await owner.connect();
    // A second API process on the same database: the race runs through both.
    second = await buildApiApp(stack.config);
    await second.listen({ port: 0, host: '127.0.0.1' });
  });

  afterAll(async () => {
    await owner?.end();
    await second?.close();
    await stack?.close();
  });

  const createBase = async (key: string, body: Record<string, unknown>, who: HttpClient = host.http) => {
    const created = await who.post(`${api}/training-bases`, {
      body: { hostOrganizationId: org.school, kind: 'school_enterprise', workstations: 10, ...body },
    });
    expect(created.status).toBe(201);
    baseIds[key] = created.body.id;
    return created.body;
  };
  const book = (who: HttpClient, key: string, body: Record<string, unknown>) =>
    who.post(`${api}/training-bases/${baseIds[key]}/bookings`, { body: { purpose: 'course', ...body } });
  const move = (who: HttpClient, key: string, bookingId: string, body: Record<string, unknown>) =>
    who.post(`${api}/training-bases/${baseIds[key]}/bookings/${bookingId}/transitions`, { body });
  /** Most workstations live bookings of a base hold at once, measured by the database itself. */
  const databasePeak = async (baseId: string) => {
    const result = await owner.query<{ peak: number }>(
      `SELECT coalesce(max(training_booking_peak(consortium_id, base_id, NULL, starts_at, occupied_until)), 0)::int AS peak
         FROM training_booking WHERE base_id = $1 AND status IN ('requested', 'approved', 'checked_in')`,
      [baseId],
    );
    return result.rows[0].peak;
  };

  describe('bases', () => {
    it('lets the host organization and the secretariat manage a base, nobody else', async () => {
      const open = await createBase('open', {
        name: '全天开放实训基地',
        kind: 'public_practice_center',
        functions: ['practical_teaching'],
        openingHours: ALL_DAY,
        minDurationMinutes: 30,
        maxDurationMinutes: 600,
        leadTimeHours: 0,
        noShowGraceMinutes: 0,
        feeMemberPerHour: '20.00',
        feeNonMemberPerHour: '40.00',
        areas: [{ name: '机器人区', workstations: 4 }],
        equipment: [
          { name: '六轴工业机器人', model: 'ABB IRB 1200', quantity: 2, valueYuan: '185000.00' },
          { name: 'PLC 实训台', quantity: 3, valueYuan: '42000.50' },
        ],
      });
      expect(open).toMatchObject({
        hostOrganizationId: org.school,
        status: 'active',
        equipmentValueYuan: '496001.50',
        areas: [expect.objectContaining({ name: '机器人区', workstations: 4 })],
      });
      // A member hosts only for its own organization; another member cannot change the base.
      const foreign = await ent1.http.post(`${api}/training-bases`, {
        body: {
          hostOrganizationId: org.school,
          name: '冒名基地',
          kind: 'school_internal',
          workstations: 5,
          openingHours: [],
        },
      });
      expect(foreign.status).toBe(403);
      expect(foreign.body.details.code).toBe('not_base_host');
      expect((await ent1.http.patch(`${api}/training-bases/${open.id}`, { body: { address: 'x' } })).status).toBe(403);
      expect((await observer.patch(`${api}/training-bases/${open.id}`, { body: { address: 'x' } })).status).toBe(403);
      const byHost = await host.http.patch(`${api}/training-bases/${open.id}`, { body: { address: '星湖街 328 号' } });
      expect(byHost.body.address).toBe('星湖街 328 号');
      const bySecretariat = await sec.patch(`${api}/training-bases/${open.id}`, { body: { bufferMinutes: 0 } });
      expect(bySecretariat.status).toBe(200);
      const listed = await observer.get(`${api}/training-bases?function=practical_teaching`);
      expect(listed.body.items.map((b: { id: string }) => b.id)).toEqual([open.id]);
    });

    it.each<[string, Record<string, unknown>, string]>([
      [
        'overlapping windows',
        {
          openingHours: [
            { weekday: 1, opens: '08:00', closes: '12:00' },
            { weekday: 1, opens: '11:00', closes: '13:00' },
          ],
        },
        'openingHours',
      ],
      [
        'a window closing before it opens',
        { openingHours: [{ weekday: 1, opens: '12:00', closes: '08:00' }] },
        'openingHours',
      ],
      [
        'an impossible time',
        { openingHours: [{ weekday: 1, opens: '25:00', closes: '26:00' }] },
        'openingHours.0.opens',
      ],
      ['a weekday 8', { openingHours: [{ weekday: 8, opens: '08:00', closes: '12:00' }] }, 'openingHours.0.weekday'],
      [
        'max below min duration',
        { openingHours: [], minDurationMinutes: 120, maxDurationMinutes: 60 },
        'maxDurationMinutes',
      ],
      [
        'an area bigger than the base',
        { openingHours: [], areas: [{ name: 'A', workstations: 11 }] },
        'areas.0.workstations',
      ],
      [
        'a closure ending before it starts',
        { openingHours: [], closures: [{ startsOn: chinaToday(5), endsOn: chinaToday(4) }] },
        'closures.0.endsOn',
      ],
      ['a fee that is not an amount', { openingHours: [], feeMemberPerHour: '12.345' }, 'feeMemberPerHour'],
    ])('refuses %s, naming the field', async (_name, body, field) => {
      const refused = await sec.post(`${api}/training-bases`, {
        body: {
          hostOrganizationId: org.school,
          name: `坏基地-${randomUUID()}`,
          kind: 'school_internal',
          workstations: 10,
          ...body,
        },
      });
      expect([400, 422]).toContain(refused.status);
      const fields = refused.body.details.fields.map((f: { field: string }) => f.field);
      expect(fields).toContain(field);
    });

    it('refuses lowering the workstations below what live bookings already hold', async () => {
      const date = chinaToday(40);
      await createBase('shrink', { name: '缩容测试基地', openingHours: ALL_DAY, leadTimeHours: 0 });
      expect(
        (await book(ent1.http, 'shrink', { startsAt: iso(date, '09:00'), endsAt: iso(date, '10:00'), workstations: 8 }))
          .status,
      ).toBe(201);
      const refused = await host.http.patch(`${api}/training-bases/${baseIds.shrink}`, { body: { workstations: 7 } });
      expect(refused.status).toBe(409);
      expect(refused.body.details).toMatchObject({ code: 'capacity_below_bookings', field: 'workstations', peak: 8 });
      expect(
        (await host.http.patch(`${api}/training-bases/${baseIds.shrink}`, { body: { workstations: 8 } })).status,
      ).toBe(200);
    });
  });

  describe('capacity under concurrency', () => {
    it('50 parallel requests through two API processes for the last 3 workstations: exactly 3 accepted, 47 answered 409 with the clash', async () => {
      const date = chinaToday(5);
      const slot = { startsAt: iso(date, '09:00'), endsAt: iso(date, '11:00') };
      const first = await book(ent1.http, 'open', { ...slot, workstations: 7 });
      expect(first.status).toBe(201);
      const secondUrl = `http://127.0.0.1:${(second.getHttpServer().address() as { port: number }).port}`;
      const people = [ent1, ent2, host];
      const results = await Promise.all(
        Array.from({ length: 50 }, (_v, i) => {
          const person = people[i % 3];
          const client = i % 2 === 0 ? person.http : httpClient(secondUrl, person.http.accessToken);
          return book(client, 'open', { ...slot, workstations: 1 });
        }),
      );
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(3);
      expect(statuses.filter((s) => s === 409)).toHaveLength(47);
      for (const refused of results.filter((r) => r.status === 409)) {
        expect(refused.body.details.code).toBe('booking_conflict');
        expect(refused.body.details.dates).toEqual([date]);
        const [clash] = refused.body.details.clashes;
        expect(clash).toMatchObject({ date, freeWorkstations: 0 });
        expect(clash.clashes).toEqual(
          expect.arrayContaining([
            {
              bookingId: first.body.bookings[0].id,
              startsAt: new Date(slot.startsAt).toISOString(),
              endsAt: new Date(slot.endsAt).toISOString(),
              workstations: 7,
            },
          ]),
        );
      }
      expect(await databasePeak(baseIds.open)).toBe(10);
    });

    it('partly overlapping requests in parallel never overbook, and every refusal names its clashes', async () => {
      const date = chinaToday(6);
      const start = Date.parse(iso(date, '08:00'));
      const requests = Array.from({ length: 30 }, (_v, k) => ({
        startsAt: new Date(start + k * 15 * 60_000).toISOString(),
        endsAt: new Date(start + (k * 15 + 90) * 60_000).toISOString(),
        workstations: 3,
      }));
      const results = await Promise.all(requests.map((r, i) => book([ent1, ent2][i % 2].http, 'open', r)));
      const accepted = results.filter((r) => r.status === 201).map((r) => r.body.bookings[0]);
      expect(results.every((r) => r.status === 201 || r.status === 409)).toBe(true);
      expect(accepted.length).toBeGreaterThanOrEqual(3);
      // Sweep the accepted bookings: never more than 10 workstations at once.
      const events = accepted.flatMap((b: { startsAt: string; endsAt: string; workstations: number }) => [
        [Date.parse(b.startsAt), b.workstations],
        [Date.parse(b.endsAt), -b.workstations],
      ]);
      events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      let load = 0;
      let peak = 0;
      for (const [, delta] of events) peak = Math.max(peak, (load += delta));
      expect(peak).toBeLessThanOrEqual(10);
      expect(await databasePeak(baseIds.open)).toBeLessThanOrEqual(10);
      for (const refused of results.filter((r) => r.status === 409)) {
        expect(refused.body.details.clashes[0].clashes.length).toBeGreaterThan(0);
      }
    });

    it('the database refuses an overbooking written past the service (23P01 from the trigger)', async () => {
      const date = chinaToday(5);
      await expect(
        owner.query(
          `INSERT INTO training_booking (id, consortium_id, base_id, organization_id, starts_at, ends_at, occupied_until,
                                         workstations, purpose, status)
           VALUES ($1, $2, $3, $4, $5, $6, $6, 1, 'course', 'approved')`,
          [randomUUID(), cid, baseIds.open, org.ent1, iso(date, '10:00'), iso(date, '10:30')],
        ),
      ).rejects.toMatchObject({ code: '23P01', constraint: 'training_booking_capacity' });
    });

    it('counts an area against its own workstations as well', async () => {
      const date = chinaToday(7);
      const detail = await sec.get(`${api}/training-bases/${baseIds.open}`);
      const areaId = detail.body.areas[0].id;
      const slot = { startsAt: iso(date, '09:00'), endsAt: iso(date, '10:00'), areaId };
      expect((await book(ent1.http, 'open', { ...slot, workstations: 3 })).status).toBe(201);
      const full = await book(ent2.http, 'open', { ...slot, workstations: 2 });
      expect(full.status).toBe(409);
      expect(full.body.details.clashes[0].freeWorkstations).toBe(1);
      expect((await book(ent2.http, 'open', { ...slot, workstations: 1 })).status).toBe(201);
      // The rest of the base is still free outside the area.
      expect(
        (await book(ent2.http, 'open', { startsAt: slot.startsAt, endsAt: slot.endsAt, workstations: 6 })).status,
      ).toBe(201);
    });
  });

  describe('booking rules', () => {
    let day: string;
    let closed: string;

    beforeAll(async () => {
      day = weekdayFrom(chinaToday(3));
      closed = weekdayFrom(addDays(day, 1));
      await createBase('office', {
        name: '工作日实训基地',
        functions: ['social_training'],
        openingHours: OFFICE,
        leadTimeHours: 24,
        horizonDays: 60,
        minDurationMinutes: 60,
        maxDurationMinutes: 180,
        allowedOrganizationTypes: ['enterprise', 'higher_vocational'],
        monthlyQuotaHours: 10,
        areas: [{ name: '装配区', workstations: 4 }],
        closures: [{ startsOn: closed, endsOn: closed, reason: '设备检修' }],
      });
    });

    const lastWeekday = () => {
      let d = chinaToday(70);
      while (weekdayOf(d) > 5) d = addDays(d, 1);
      return d;
    };

    it.each<[string, () => Record<string, unknown>, string, () => TestPerson]>([
      ['min_duration', () => ({ startsAt: iso(day, '09:00'), endsAt: iso(day, '09:30') }), 'min_duration', () => ent1],
      ['max_duration', () => ({ startsAt: iso(day, '13:30'), endsAt: iso(day, '17:30') }), 'max_duration', () => ent1],
      [
        'lead_time',
        () => ({
          startsAt: new Date(testClock.now().getTime() + 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z'),
          endsAt: new Date(testClock.now().getTime() + 7_200_000).toISOString().replace(/\.\d+Z$/, 'Z'),
        }),
        'lead_time',
        () => ent1,
      ],
      [
        'horizon',
        () => ({ startsAt: iso(lastWeekday(), '09:00'), endsAt: iso(lastWeekday(), '10:00') }),
        'horizon',
        () => ent1,
      ],
      [
        'opening_hours',
        () => ({ startsAt: iso(day, '11:00'), endsAt: iso(day, '14:00') }),
        'opening_hours',
        () => ent1,
      ],
      ['closure', () => ({ startsAt: iso(closed, '09:00'), endsAt: iso(closed, '10:00') }), 'closure', () => ent1],
      [
        'organization_type',
        () => ({ startsAt: iso(day, '09:00'), endsAt: iso(day, '10:00') }),
        'organization_type',
        () => gov,
      ],
      [
        'workstations',
        () => ({ startsAt: iso(day, '09:00'), endsAt: iso(day, '10:00'), workstations: 11 }),
        'workstations',
        () => ent1,
      ],
    ])('refuses a booking breaking %s with 422 naming the rule', async (_name, body, rule, who) => {
      const refused = await book(who().http, 'office', { workstations: 1, ...body() });
      expect(refused.status).toBe(422);
      expect(refused.body.details.code).toBe('booking_rule_violated');
      expect(refused.body.details.rules).toContain(rule);
      expect(refused.body.message).toContain(refused.body.details.rule);
    });

    it('refuses more workstations than the area has', async () => {
      const detail = await sec.get(`${api}/training-bases/${baseIds.office}`);
      const refused = await book(ent1.http, 'office', {
        startsAt: iso(day, '09:00'),
        endsAt: iso(day, '10:00'),
        workstations: 5,
        areaId: detail.body.areas[0].id,
      });
      expect(refused.status).toBe(422);
      expect(refused.body.details.rule).toBe('area_workstations');
      const unknown = await book(ent1.http, 'office', {
        startsAt: iso(day, '09:00'),
        endsAt: iso(day, '10:00'),
        workstations: 1,
        areaId: randomUUID(),
      });
      expect(unknown.status).toBe(422);
      expect(unknown.body.details.field).toBe('areaId');
    });

    it('holds the monthly quota per organization (10 workstation-hours): 6 h fit, 6 more do not, another organization still books', async () => {
      expect(
        (await book(ent1.http, 'office', { startsAt: iso(day, '13:30'), endsAt: iso(day, '16:30'), workstations: 2 }))
          .status,
      ).toBe(201);
      const over = await book(ent1.http, 'office', {
        startsAt: iso(day, '08:30'),
        endsAt: iso(day, '10:30'),
        workstations: 3,
      });
      expect(over.status).toBe(422);
      expect(over.body.details.rule).toBe('monthly_quota');
      expect(over.body.message).toContain('10 workstation-hours');
      expect(
        (await book(ent1.http, 'office', { startsAt: iso(day, '08:30'), endsAt: iso(day, '10:30'), workstations: 2 }))
          .status,
      ).toBe(201);
      expect(
        (await book(ent2.http, 'office', { startsAt: iso(day, '08:30'), endsAt: iso(day, '10:30'), workstations: 3 }))
          .status,
      ).toBe(201);
    });

    it('a member books for its own organization only; the secretariat names the organization', async () => {
      const slot = { startsAt: iso(day, '09:00'), endsAt: iso(day, '10:00'), workstations: 1 };
      const foreign = await book(ent1.http, 'office', { ...slot, organizationId: org.ent2 });
      expect(foreign.status).toBe(403);
      expect(foreign.body.details.code).toBe('not_own_organization');
      const unnamed = await book(sec, 'office', slot);
      expect(unnamed.status).toBe(400);
      expect(unnamed.body.details.field).toBe('organizationId');
      const forSchool = await book(sec, 'office', { ...slot, organizationId: org.school });
      expect(forSchool.status).toBe(201);
      expect(forSchool.body.bookings[0].organizationId).toBe(org.school);
      expect((await book(observer, 'office', slot)).status).toBe(403);
    });

    it('refuses bad input naming the field, never a 500', async () => {
      for (const [body, field] of [
        [{ startsAt: `${day}T09:00:00`, endsAt: iso(day, '10:00'), workstations: 1 }, 'startsAt'],
        [{ startsAt: iso(day, '10:00'), endsAt: iso(day, '09:00'), workstations: 1 }, 'endsAt'],
        [{ startsAt: iso(day, '09:00'), endsAt: iso(day, '10:00'), workstations: 0 }, 'workstations'],
        [{ startsAt: iso(day, '09:00'), endsAt: iso(day, '10:00'), workstations: 1, purpose: 'party' }, 'purpose'],
        [
          {
            startsAt: iso(day, '09:00'),
            endsAt: iso(day, '10:00'),
            workstations: 1,
            recurrence: { until: '2026-02-30' },
          },
          'recurrence.until',
        ],
      ] as const) {
        const refused = await book(ent1.http, 'office', body);
        expect(refused.status).toBe(400);
        expect(refused.body.details.fields.map((f: { field: string }) => f.field)).toContain(field);
      }
    });
  });

  describe('weekly series', () => {
    it('refuses the whole series naming the clashing date, then accepts it whole, and cancels it whole', async () => {
      const first = chinaToday(14);
      const blocked = addDays(first, 14);
      const blocker = await book(host.http, 'open', {
        startsAt: iso(blocked, '14:00'),
        endsAt: iso(blocked, '16:00'),
        workstations: 10,
      });
      expect(blocker.status).toBe(201);
      const series = {
        startsAt: iso(first, '14:30'),
        endsAt: iso(first, '15:30'),
        workstations: 2,
        recurrence: { until: addDays(first, 21) },
      };
      const refused = await book(ent1.http, 'open', series);
      expect(refused.status).toBe(409);
      expect(refused.body.details.dates).toEqual([blocked]);
      expect(refused.body.details.clashes[0].clashes[0].bookingId).toBe(blocker.body.bookings[0].id);
      const none = await ent1.http.get(
        `${api}/training-bases/${baseIds.open}/bookings?organizationId=${org.ent1}&from=${first}&to=${addDays(first, 22)}`,
      );
      expect(none.body.items).toEqual([]);

      expect((await move(host.http, 'open', blocker.body.bookings[0].id, { to: 'cancelled' })).status).toBe(200);
      const accepted = await book(ent1.http, 'open', series);
      expect(accepted.status).toBe(201);
      expect(accepted.body.bookings.map((b: { startsAt: string }) => b.startsAt)).toEqual(
        [0, 7, 14, 21].map((d) => new Date(iso(addDays(first, d), '14:30')).toISOString()),
      );
      expect(new Set(accepted.body.bookings.map((b: { seriesId: string }) => b.seriesId))).toEqual(
        new Set([accepted.body.seriesId]),
      );
      const cancelled = await move(ent1.http, 'open', accepted.body.bookings[1].id, {
        to: 'cancelled',
        wholeSeries: true,
      });
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.map((b: { status: string }) => b.status)).toEqual([
        'cancelled',
        'cancelled',
        'cancelled',
        'cancelled',
      ]);
    });

    it('refuses a series breaking a rule on some dates, naming them', async () => {
      const first = weekdayFrom(chinaToday(20));
      const closedOn = addDays(first, 7);
      await sec.patch(`${api}/training-bases/${baseIds.office}`, {
        body: { closures: [{ startsOn: closedOn, endsOn: closedOn, reason: '节假日' }] },
      });
      const refused = await book(ent2.http, 'office', {
        startsAt: iso(first, '09:00'),
        endsAt: iso(first, '10:00'),
        workstations: 1,
        recurrence: { until: addDays(first, 14) },
      });
      expect(refused.status).toBe(422);
      expect(refused.body.details).toMatchObject({ rule: 'closure', dates: [closedOn] });
    });
  });

  describe('life cycle', () => {
    const soon = (minutes: number) =>
      new Date(Math.ceil((testClock.now().getTime() + minutes * 60_000) / 60_000) * 60_000)
        .toISOString()
        .replace('.000Z', 'Z');

    it('requested → approved (by the host) → checked_in → completed; refusals for the wrong people and moves', async () => {
      const created = await book(ent1.http, 'open', {
        startsAt: soon(30),
        endsAt: soon(90),
        workstations: 2,
        expectedParticipants: 12,
      });
      expect(created.status).toBe(201);
      const id = created.body.bookings[0].id;
      expect(created.body.bookings[0].status).toBe('requested');
      const byBooker = await move(ent1.http, 'open', id, { to: 'approved' });
      expect(byBooker.status).toBe(403);
      expect(byBooker.body.details.code).toBe('not_base_host');
      expect((await move(ent2.http, 'open', id, { to: 'cancelled' })).status).toBe(403);
      expect((await move(observer, 'open', id, { to: 'approved' })).status).toBe(403);
      const approved = await move(host.http, 'open', id, { to: 'approved', note: '同意' });
      expect(approved.body[0]).toMatchObject({ status: 'approved', decisionNote: '同意' });
      const checkedIn = await move(host.http, 'open', id, { to: 'checked_in' });
      expect(checkedIn.body[0].status).toBe('checked_in');
      expect(checkedIn.body[0].checkedInAt).not.toBeNull();
      const completed = await move(sec, 'open', id, { to: 'completed' });
      expect(completed.body[0].status).toBe('completed');
      const late = await move(ent1.http, 'open', id, { to: 'cancelled' });
      expect(late.status).toBe(409);
      expect(late.body.details.code).toBe('invalid_transition');
      const again = await move(host.http, 'open', id, { to: 'approved' });
      expect(again.status).toBe(409);
    });

    it('the host rejects, the booking organization cancels its own, and a check-in too early is refused', async () => {
      const date = chinaToday(9);
      const a = await book(ent1.http, 'open', {
        startsAt: iso(date, '19:00'),
        endsAt: iso(date, '20:00'),
        workstations: 1,
      });
      const rejected = await move(host.http, 'open', a.body.bookings[0].id, { to: 'rejected', note: '时段冲突' });
      expect(rejected.body[0]).toMatchObject({ status: 'rejected', decisionNote: '时段冲突' });
      const b = await book(ent1.http, 'open', {
        startsAt: iso(date, '19:00'),
        endsAt: iso(date, '20:00'),
        workstations: 1,
      });
      expect((await move(ent1.http, 'open', b.body.bookings[0].id, { to: 'cancelled' })).body[0].status).toBe(
        'cancelled',
      );
      const c = await book(ent1.http, 'open', {
        startsAt: iso(date, '19:00'),
        endsAt: iso(date, '20:00'),
        workstations: 1,
      });
      await move(host.http, 'open', c.body.bookings[0].id, { to: 'approved' });
      const early = await move(host.http, 'open', c.body.bookings[0].id, { to: 'checked_in' });
      expect(early.status).toBe(409);
      expect(early.body.message).toContain('check-in opens');
    });

    it('marks an approved booking nobody checked in to as no_show after the grace (a delayed job); a checked-in one stays', async () => {
      await createBase('instant', {
        name: '免审批实训基地',
        openingHours: ALL_DAY,
        leadTimeHours: 0,
        approvalRequired: false,
        noShowGraceMinutes: 0,
        minDurationMinutes: 30,
      });
      const startsAt = new Date(Math.ceil((testClock.now().getTime() + 3_000) / 1000) * 1000);
      const body = {
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 40 * 60_000).toISOString(),
        workstations: 1,
      };
      const attended = await book(ent1.http, 'instant', body);
      const missed = await book(ent2.http, 'instant', body);
      expect(missed.body.bookings[0].status).toBe('approved');
      expect((await move(host.http, 'instant', attended.body.bookings[0].id, { to: 'checked_in' })).status).toBe(200);
      const marked = await eventually(async () => {
        const found = await sec.get(`${api}/training-bases/${baseIds.instant}/bookings/${missed.body.bookings[0].id}`);
        return found.body.status === 'no_show' ? found.body : undefined;
      }, 30_000);
      expect(marked.status).toBe('no_show');
      const stayed = await sec.get(`${api}/training-bases/${baseIds.instant}/bookings/${attended.body.bookings[0].id}`);
      expect(stayed.body.status).toBe('checked_in');
      const audit = await owner.query(
        `SELECT changes FROM audit_log WHERE action = 'training_bases.booking.no_show' AND entity_id = $1`,
        [missed.body.bookings[0].id],
      );
      expect(audit.rows).toEqual([{ changes: { status: { from: 'approved', to: 'no_show' }, graceMinutes: 0 } }]);
    });

    it('lists the approval queue across bases', async () => {
      const queue = await host.http.get(`${api}/training-bases/bookings?status=requested&limit=200`);
      expect(queue.status).toBe(200);
      expect(queue.body.items.length).toBeGreaterThan(0);
      expect(queue.body.items.every((b: { status: string }) => b.status === 'requested')).toBe(true);
    });
  });

  describe('availability and calendar', () => {
    let day: string;

    beforeAll(async () => {
      day = weekdayFrom(chinaToday(8));
      await createBase('workshop', {
        name: '真实生产车间',
        functions: ['real_production'],
        workstations: 6,
        openingHours: NINE_TO_FIVE,
        leadTimeHours: 0,
        bufferMinutes: 30,
      });
      expect(
        (await book(host.http, 'workshop', { startsAt: iso(day, '11:00'), endsAt: iso(day, '12:00'), workstations: 6 }))
          .status,
      ).toBe(201);
      expect(
        (await book(ent1.http, 'workshop', { startsAt: iso(day, '14:00'), endsAt: iso(day, '15:00'), workstations: 3 }))
          .status,
      ).toBe(201);
    });

    const search = (params: string) => ent2.http.get(`${api}/training-bases/availability?${params}`);
    const windows = (items: Array<{ startsAt: string; endsAt: string }>) =>
      items.map((w) =>
        [w.startsAt, w.endsAt]
          .map((t) => new Date(Date.parse(t) + 8 * 3_600_000).toISOString().slice(11, 16))
          .join('-'),
      );

    it('finds the free windows within opening hours, minus bookings and their buffers', async () => {
      const few = await search(`from=${day}&to=${day}&workstations=3&duration=60&function=real_production`);
      expect(few.status).toBe(200);
      expect(few.body.items.every((w: { baseId: string }) => w.baseId === baseIds.workshop)).toBe(true);
      expect(windows(few.body.items)).toEqual(['09:00-10:30', '12:30-17:00']);
      const many = await search(`from=${day}&to=${day}&workstations=4&duration=60&function=real_production`);
      expect(windows(many.body.items)).toEqual(['09:00-10:30', '12:30-13:30', '15:30-17:00']);
      const long = await search(`from=${day}&to=${day}&workstations=4&duration=120&function=real_production`);
      expect(windows(long.body.items)).toEqual([]);
    });

    it('searches across every base at once, sorted by start', async () => {
      const all = await search(`from=${day}&to=${addDays(day, 1)}&workstations=1&duration=60`);
      const bases = new Set(all.body.items.map((w: { baseId: string }) => w.baseId));
      expect(bases.has(baseIds.workshop)).toBe(true);
      expect(bases.has(baseIds.open)).toBe(true);
      const starts = all.body.items.map((w: { startsAt: string }) => Date.parse(w.startsAt));
      expect(starts).toEqual([...starts].sort((a, b) => a - b));
    });

    it.each([
      [`from=${chinaToday(5)}&to=${chinaToday(4)}&workstations=1&duration=60`, 'to'],
      [`from=${chinaToday(0)}&to=${chinaToday(100)}&workstations=1&duration=60`, 'to'],
      [`from=${chinaToday(0)}&to=${chinaToday(1)}&workstations=0&duration=60`, 'workstations'],
      [`from=2026-13-01&to=${chinaToday(1)}&workstations=1&duration=60`, 'from'],
      [`from=${chinaToday(0)}&to=${chinaToday(1)}&workstations=1`, 'duration'],
    ])('refuses %s naming %s', async (params, field) => {
      const refused = await search(params);
      expect(refused.status).toBe(400);
      expect(refused.body.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    });

    it('shows one base’s month by day', async () => {
      const calendar = await observer.get(
        `${api}/training-bases/${baseIds.workshop}/calendar?month=${day.slice(0, 7)}`,
      );
      expect(calendar.status).toBe(200);
      const today = calendar.body.days.find((d: { date: string }) => d.date === day);
      expect(today).toMatchObject({
        open: true,
        openingHours: ['09:00–17:00'],
        availableHours: 48,
        bookedHours: 9,
        peakWorkstations: 6,
      });
      expect(today.bookings.map((b: { organizationName: string }) => b.organizationName)).toEqual([
        '园区职业技术学院',
        '智造精密机械有限公司',
      ]);
      const saturday = calendar.body.days.find((d: { date: string }) => weekdayOf(d.date) === 6);
      expect(saturday).toMatchObject({ open: false, availableHours: 0 });
      expect((await observer.get(`${api}/training-bases/${baseIds.workshop}/calendar?month=2026-13`)).status).toBe(400);
    });
  });

  describe('utilisation', () => {
    let month: string;
    let closureDays: string[];

    beforeAll(async () => {
      month = addMonths(chinaToday(0), -1).slice(0, 7);
      closureDays = [`${month}-10`, `${month}-11`, `${month}-12`];
      await createBase('report', {
        name: '利用率统计基地',
        openingHours: NINE_TO_FIVE,
        closures: [{ startsOn: closureDays[0], endsOn: closureDays[2], reason: '检修' }],
        feeMemberPerHour: '20.00',
        feeNonMemberPerHour: '40.00',
      });
      // Past bookings cannot be made through the API (lead time): written as the owner, as they would have been.
      const d1 = weekdayFrom(`${month}-03`);
      const d2 = weekdayFrom(addDays(d1, 1));
      const next = addMonths(`${month}-01`, 1);
      const lastDay = addDays(next, -1);
      const rows: Array<[string, string, string, string, number, string, string | null, string | null, string]> = [
        [
          org.ent1,
          iso(d1, '09:00'),
          iso(d1, '12:00'),
          'completed',
          4,
          'course',
          iso(d1, '09:00'),
          iso(d1, '11:00'),
          '12 booked, 8 used',
        ],
        [org.ent2, iso(d1, '13:00'), iso(d1, '15:00'), 'no_show', 2, 'training', null, null, '4 booked'],
        [
          org.visitor,
          iso(d1, '15:00'),
          iso(d1, '16:00'),
          'completed',
          2,
          'training',
          iso(d1, '15:00'),
          iso(d1, '16:00'),
          '2 booked, 2 used, non-member',
        ],
        [
          org.school,
          iso(d2, '09:00'),
          iso(d2, '17:00'),
          'completed',
          5,
          'production',
          iso(d2, '09:00'),
          iso(d2, '17:00'),
          'host: 40 and 40',
        ],
        [org.ent1, iso(d2, '09:00'), iso(d2, '10:00'), 'cancelled', 5, 'course', null, null, 'nothing'],
        [
          org.ent2,
          iso(lastDay, '23:00'),
          iso(next, '01:00'),
          'completed',
          1,
          'course',
          iso(lastDay, '23:00'),
          iso(next, '01:00'),
          '1 and 1 in the month',
        ],
      ];
      for (const [organizationId, startsAt, endsAt, status, workstations, purpose, inAt, outAt] of rows) {
        await owner.query(
          `INSERT INTO training_booking (id, consortium_id, base_id, organization_id, starts_at, ends_at, occupied_until,
                                         workstations, purpose, status, checked_in_at, checked_out_at, expected_participants)
           VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8, $9, $10, $11, 3)`,
          [
            randomUUID(),
            cid,
            baseIds.report,
            organizationId,
            startsAt,
            endsAt,
            workstations,
            purpose,
            status,
            inAt,
            outAt,
          ],
        );
      }
    });

    /** Weekdays of the month outside the closure, × 8 h × 10 workstations (counted here, independently). */
    const available = () => {
      let hours = 0;
      for (let d = `${month}-01`; d.startsWith(month); d = addDays(d, 1)) {
        if (weekdayOf(d) <= 5 && !closureDays.includes(d)) hours += 8 * 10;
      }
      return hours;
    };

    it('reports available, booked and used workstation-hours, no-shows, breakdowns and fees for the month', async () => {
      const report = await observer.get(`${api}/training-bases/utilisation?month=${month}&baseId=${baseIds.report}`);
      expect(report.status).toBe(200);
      const [base] = report.body.bases;
      expect(base).toMatchObject({
        baseId: baseIds.report,
        availableHours: available(),
        bookedHours: 59,
        usedHours: 51,
        utilisation: Math.round((51 / available()) * 10_000) / 10_000,
        bookings: 5,
        noShows: 1,
        participants: 12,
        externalOrganizations: 3,
      });
      const byOrg = Object.fromEntries(base.byOrganization.map((g: { key: string }) => [g.key, g]));
      expect(byOrg[org.school]).toMatchObject({ bookedHours: 40, usedHours: 40, bookings: 1 });
      expect(byOrg[org.ent1]).toMatchObject({ bookedHours: 12, usedHours: 8, bookings: 1 });
      expect(byOrg[org.ent2]).toMatchObject({ bookedHours: 5, usedHours: 1, bookings: 2, noShows: 1 });
      expect(base.byPurpose.map((g: { key: string; bookedHours: number }) => [g.key, g.bookedHours])).toEqual([
        ['production', 40],
        ['course', 13],
        ['training', 6],
      ]);
      const fees = Object.fromEntries(base.fees.map((f: { organizationId: string }) => [f.organizationId, f]));
      expect(fees[org.school]).toBeUndefined();
      expect(fees[org.ent1]).toMatchObject({ member: true, ratePerHour: '20.00', feeYuan: '240.00' });
      expect(fees[org.ent2]).toMatchObject({ member: true, feeYuan: '100.00' });
      expect(fees[org.visitor]).toMatchObject({ member: false, ratePerHour: '40.00', feeYuan: '80.00' });
      // The next month holds the other hour of the booking across midnight.
      const next = await observer.get(
        `${api}/training-bases/utilisation?month=${addMonths(`${month}-01`, 1).slice(0, 7)}&baseId=${baseIds.report}`,
      );
      expect(next.body.bases[0].byOrganization.find((g: { key: string }) => g.key === org.ent2)).toMatchObject({
        bookedHours: 1,
        usedHours: 1,
      });
    });

    it('exports the report as xlsx with zh-CN headers', async () => {
      const response = await fetch(`${stack.http.baseUrl}${api}/training-bases/utilisation/export?month=${month}`, {
        headers: { authorization: `Bearer ${sec.accessToken}` },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('spreadsheetml');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
      expect(workbook.worksheets.map((s) => s.name)).toEqual(['利用率', '按单位', '按用途', '费用']);
      const summary = workbook.getWorksheet('利用率')!;
      expect(summary.getRow(1).values).toEqual(
        expect.arrayContaining(['基地', '可用工位时', '实际使用工位时', '利用率']),
      );
      const row = summary.getRows(2, summary.rowCount - 1)!.find((r) => r.getCell(1).value === '利用率统计基地')!;
      expect(row.getCell(6).value).toBe(51);
      const fees = workbook.getWorksheet('费用')!;
      expect(
        fees
          .getRows(2, fees.rowCount - 1)!
          .some((r) => r.getCell(2).value === '申请中的访客企业' && r.getCell(5).value === 80),
      ).toBe(true);
    });

    it('feeds the indicators: shared bases counted by the auto source', async () => {
      const frameworks = await sec.get('/api/v1/indicator-frameworks?code=CHANJIAO-DEFAULT&status=published');
      const period = await sec.post(`${api}/indicator-periods`, {
        body: {
          name: '基地指标',
          frameworkId: frameworks.body.items[0].id,
          startsOn: chinaToday(-30),
          endsOn: chinaToday(30),
          dueOn: chinaToday(30),
        },
      });
      expect(period.status).toBe(201);
      const accepted = await sec.post(`${api}/indicator-rollups`, { body: { periodId: period.body.id } });
      await waitForJobState(sec, accepted.body.jobId, 'completed');
      const source = await sec.get(`${api}/indicator-scores/points/D2.4?periodId=${period.body.id}`);
      expect(source.status).toBe(200);
      const active = (await sec.get(`${api}/training-bases?status=active&limit=200`)).body.items;
      expect(source.body.sourceRows.map((r: { entityId: string }) => r.entityId).sort()).toEqual(
        active.map((b: { id: string }) => b.id).sort(),
      );
    });
  });
  describe('demo', () => {
    it('seeds three bases with a month of bookings around today, in every state', async () => {
      const seeded = await seedDemo(stack.admin);
      const job = await waitForJobState(
        stack.admin,
        followUpJobId(seeded.id, JobName.SeedTrainingBasesDemo),
        'completed',
      );
      expect(job.result).toMatchObject({ bases: 3 });
      const demo = `/api/v1/consortia/${DEMO_CONSORTIUM_ID}/training-bases`;
      const bases = (await stack.admin.get(demo)).body.items;
      expect(bases).toHaveLength(3);
      const statuses = new Set<string>();
      for (const b of bases) {
        let cursor: string | null = null;
        do {
          const page: { body: { items: Array<{ status: string; startsAt: string }>; nextCursor: string | null } } =
            await stack.admin.get(`${demo}/${b.id}/bookings?limit=200${cursor ? `&cursor=${cursor}` : ''}`);
          for (const booking of page.body.items) statuses.add(booking.status);
          cursor = page.body.nextCursor;
        } while (cursor);
      }
      for (const status of ['completed', 'no_show', 'cancelled', 'approved', 'requested', 'rejected']) {
        expect(statuses).toContain(status);
      }
      const again = await seedDemo(stack.admin);
      const rerun = await waitForJobState(
        stack.admin,
        followUpJobId(again.id, JobName.SeedTrainingBasesDemo),
        'completed',
      );
      expect(rerun.result).toMatchObject({ bases: 0, bookings: 0 });
    });
  });
});
