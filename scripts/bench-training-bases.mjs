// Training-base benchmarks, run by scripts/bench.mjs against the same Chanjiao API and
// database (its section of docs/benchmarks.md):
//
// 1. Availability search — `GET /training-bases/availability` over 20 bases holding a term
//    (18 weeks) of bookings, a 4-week window, p50/p99 of sequential requests, beside two
//    baselines in the same run: `GET /training-bases?limit=20` (the same stack, a plain
//    keyset read: what the search adds over any request) and the raw SQL read of the rows
//    the search needs (the bookings and closures of the window, one `pg` query).
// 2. Booking throughput under contention — C clients posting non-clashing bookings all to
//    ONE base (every booking queues on that base's row lock) beside the same load spread
//    over C different bases (no contention), then C clients racing for the last
//    workstations of one slot (almost all 409), each as requests per second and p50/p99.
//
// Settings: BENCH_TB_REQUESTS (availability requests per variant, default 200),
// BENCH_TB_BOOKINGS (bookings per client per variant, default 40), BENCH_CONNECTIONS.

const HOUR = 3_600_000;
const pad = (n) => String(n).padStart(2, '0');
const chinaDate = (instant) => new Date(instant.getTime() + 8 * HOUR).toISOString().slice(0, 10);
const addDays = (date, days) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const iso = (date, time) => `${date}T${time}:00+08:00`;

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summary(latencies, seconds, statuses = {}) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    count: sorted.length,
    rps: sorted.length / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    statuses,
  };
}

async function call(baseUrl, token, method, urlPath, body) {
  const response = await fetch(`${baseUrl}${urlPath}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, text, json: text ? JSON.parse(text) : undefined };
}

async function timed(work) {
  const start = process.hrtime.bigint();
  const result = await work();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
}

/** Runs `clients` loops of `perClient` calls at once; latencies, statuses and the wall time. */
async function race(clients, perClient, callFor) {
  const latencies = [];
  const statuses = {};
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: clients }, async (_v, client) => {
      for (let i = 0; i < perClient; i += 1) {
        const { ms, result } = await timed(() => callFor(client, i));
        latencies.push(ms);
        statuses[result.status] = (statuses[result.status] ?? 0) + 1;
      }
    }),
  );
  return summary(latencies, Number(process.hrtime.bigint() - started) / 1e9, statuses);
}

export async function benchTrainingBases({ baseUrl, token, ownerUrl, consortiumId, setContextSql, pg, log }) {
  const requests = Number(process.env.BENCH_TB_REQUESTS ?? 200);
  const perClient = Number(process.env.BENCH_TB_BOOKINGS ?? 40);
  const clients = Number(process.env.BENCH_CONNECTIONS ?? 10);
  const api = `/api/v1/consortia/${consortiumId}`;
  const expectOk = (answer, what) => {
    if (answer.status >= 300) throw new Error(`${what} answered ${answer.status}: ${answer.text.slice(0, 300)}`);
    return answer.json;
  };
  log('training bases: seeding 20 bases and a term of bookings');
  const organization = expectOk(
    await call(baseUrl, token, 'POST', `${api}/organizations`, { type: 'other', name: '基准测试预约单位' }),
    'organization',
  );
  const weekdays = [1, 2, 3, 4, 5];
  const openingHours = weekdays.flatMap((weekday) => [
    { weekday, opens: '08:30', closes: '12:00' },
    { weekday, opens: '13:30', closes: '17:30' },
  ]);
  const today = chinaDate(new Date());
  const term = { from: addDays(today, 1), to: addDays(today, 7 * 18) };
  const bases = [];
  for (let i = 0; i < 20 + clients; i += 1) {
    bases.push(
      expectOk(
        await call(baseUrl, token, 'POST', `${api}/training-bases`, {
          name: `基准实训基地 ${pad(i + 1)}`,
          hostOrganizationId: organization.id,
          kind: 'public_practice_center',
          functions: ['practical_teaching'],
          workstations: 40,
          openingHours,
          bufferMinutes: 15,
          leadTimeHours: 0,
          horizonDays: 200,
          approvalRequired: false,
          closures: [{ startsOn: addDays(term.from, 30), endsOn: addDays(term.from, 32), reason: '检修' }],
        }),
        'base',
      ),
    );
  }
  const searched = bases.slice(0, 20);
  const booked = await withClient(pg, ownerUrl, async (c) => {
    await c.query('BEGIN');
    await c.query(setContextSql, [consortiumId, '', 'bench-training-bases']);
    const inserted = await c.query(
      `INSERT INTO training_booking (id, consortium_id, base_id, organization_id, starts_at, ends_at, occupied_until,
                                     workstations, purpose, status)
       SELECT gen_random_uuid(), $1, b, $2, d + s.starts, d + s.ends, d + s.ends + interval '15 minutes', s.n, 'course',
              CASE WHEN random() < 0.2 THEN 'requested' ELSE 'approved' END
         FROM unnest($3::uuid[]) AS b,
              generate_series($4::date, $5::date, interval '1 day') AS day,
              LATERAL (SELECT (day::date::timestamp AT TIME ZONE 'Asia/Shanghai') AS d) AS dd,
              (VALUES (interval '9 hours', interval '11 hours', 10), (interval '10 hours', interval '12 hours', 8),
                      (interval '14 hours', interval '16 hours', 12)) AS s(starts, ends, n)
        WHERE extract(isodow FROM day) <= 5`,
      [consortiumId, organization.id, searched.map((b) => b.id), term.from, term.to],
    );
    await c.query('COMMIT');
    return inserted.rowCount;
  });
  log(`training bases: ${booked} bookings over ${term.from} … ${term.to}`);

  const window = { from: addDays(term.from, 42), to: addDays(term.from, 69) };
  const availabilityPath = `${api}/training-bases/availability?from=${window.from}&to=${window.to}&workstations=12&duration=90`;
  const first = expectOk(await call(baseUrl, token, 'GET', availabilityPath), 'availability');
  const sequential = async (work) => {
    for (let i = 0; i < 10; i += 1) await work(); // warm-up
    const latencies = [];
    const started = process.hrtime.bigint();
    for (let i = 0; i < requests; i += 1) latencies.push((await timed(work)).ms);
    return summary(latencies, Number(process.hrtime.bigint() - started) / 1e9);
  };
  log(`training bases: availability (${first.items.length} windows per answer), ${requests} requests per variant`);
  const availability = await sequential(() => call(baseUrl, token, 'GET', availabilityPath));
  const list = await sequential(() => call(baseUrl, token, 'GET', `${api}/training-bases?limit=20`));
  const rawRead = await withClient(pg, ownerUrl, async (c) => {
    const ids = searched.map((b) => b.id);
    const from = new Date(Date.parse(iso(window.from, '00:00')));
    const to = new Date(Date.parse(iso(addDays(window.to, 2), '00:00')));
    const query = async () => {
      await c.query('BEGIN');
      await c.query(setContextSql, [consortiumId, '', 'bench-raw']);
      await c.query(
        `SELECT base_id, starts_at, occupied_until, workstations FROM training_booking
          WHERE consortium_id = $1 AND base_id = ANY($2::uuid[]) AND status IN ('requested', 'approved', 'checked_in')
            AND starts_at < $4 AND occupied_until > $3`,
        [consortiumId, ids, from, to],
      );
      await c.query(`SELECT * FROM training_base_closure WHERE consortium_id = $1 AND base_id = ANY($2::uuid[])`, [
        consortiumId,
        ids,
      ]);
      await c.query('COMMIT');
      return { status: 200 };
    };
    return sequential(query);
  });

  // Throughput: weekday mornings, three 45-minute slots a day; 1 workstation each, so the
  // clients of one base never clash (at most C of 40 workstations at once).
  const mornings = [];
  for (let day = addDays(today, 1); mornings.length < Math.ceil(perClient / 3) + 1; day = addDays(day, 1)) {
    if (![0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay())) mornings.push(day);
  }
  const weekdaySlot = (_client, i) => {
    const day = mornings[Math.floor(i / 3)];
    const hour = pad(9 + (i % 3));
    return { startsAt: iso(day, `${hour}:00`), endsAt: iso(day, `${hour}:45`) };
  };
  const contendedBase = bases[20];
  log(`training bases: ${clients} clients × ${perClient} bookings, one base vs ${clients} bases`);
  const oneBase = await race(clients, perClient, (client, i) =>
    call(baseUrl, token, 'POST', `${api}/training-bases/${contendedBase.id}/bookings`, {
      organizationId: organization.id,
      ...weekdaySlot(client, i),
      workstations: 1,
      purpose: 'course',
    }),
  );
  const spread = await race(clients, perClient, (client, i) =>
    call(baseUrl, token, 'POST', `${api}/training-bases/${bases[20 + client].id}/bookings`, {
      organizationId: organization.id,
      ...weekdaySlot(client, i),
      workstations: 1,
      purpose: 'course',
    }),
  );
  // The last workstations: one slot filled to 39 of 40, everybody asks for it.
  const lastDay = addDays(term.to, 14 + ((8 - new Date(`${addDays(term.to, 14)}T00:00:00Z`).getUTCDay()) % 7));
  const last = { startsAt: iso(lastDay, '09:00'), endsAt: iso(lastDay, '11:00') };
  expectOk(
    await call(baseUrl, token, 'POST', `${api}/training-bases/${contendedBase.id}/bookings`, {
      organizationId: organization.id,
      ...last,
      workstations: 39,
      purpose: 'course',
    }),
    'filling the slot',
  );
  const lastRace = await race(clients, perClient, () =>
    call(baseUrl, token, 'POST', `${api}/training-bases/${contendedBase.id}/bookings`, {
      organizationId: organization.id,
      ...last,
      workstations: 1,
      purpose: 'course',
    }),
  );
  const overbooked = await withClient(pg, ownerUrl, async (c) => {
    await c.query('BEGIN');
    await c.query(setContextSql, [consortiumId, '', 'bench-check']);
    const result = await c.query(
      `SELECT count(*)::int AS n FROM training_booking k JOIN training_base b ON b.id = k.base_id
        WHERE k.consortium_id = $1 AND k.status IN ('requested', 'approved', 'checked_in')
          AND training_booking_peak(k.consortium_id, k.base_id, NULL, k.starts_at, k.occupied_until) > b.workstations`,
      [consortiumId],
    );
    await c.query('COMMIT');
    return result.rows[0].n;
  });
  return renderSection({
    booked,
    term,
    window,
    first,
    availability,
    list,
    rawRead,
    clients,
    perClient,
    oneBase,
    spread,
    lastRace,
    overbooked,
  });
}

async function withClient(pg, url, work) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const ms = (v) => `${v.toFixed(1)} ms`;
const rps = (v) => v.toFixed(1);
const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
const statuses = (s) =>
  Object.entries(s.statuses)
    .map(([code, n]) => `${n} × ${code}`)
    .join(', ');

function renderSection(r) {
  return `
## Training bases

Run by \`scripts/bench-training-bases.mjs\` (called from \`scripts/bench.mjs\`) on the same
API and database, after the scenarios above. Latencies are measured by the client around
each HTTP request (\`fetch\`), so they include the client's own cost.

### Availability search: 20 bases × a term of bookings

${r.booked} bookings (three a weekday per base, 20 % still requested, 15-minute buffers) on
20 bases from ${r.term.from} to ${r.term.to}, a 3-day closure each; the search asks for 12
workstations for 90 minutes over four weeks (${r.window.from} … ${r.window.to}) and answers
${r.first.items.length} free windows. ${r.availability.count} sequential requests per variant
after 10 warm-up requests.

| variant | p50 | p99 | req/s (sequential) |
| --- | --- | --- | --- |
| \`GET /training-bases/availability\` (search) | ${ms(r.availability.p50)} | ${ms(r.availability.p99)} | ${rps(r.availability.rps)} |
| baseline: \`GET /training-bases?limit=20\` (same stack, plain read) | ${ms(r.list.p50)} | ${ms(r.list.p99)} | ${rps(r.list.rps)} |
| baseline: raw SQL read of the window's bookings and closures (\`pg\`, one connection) | ${ms(r.rawRead.p50)} | ${ms(r.rawRead.p99)} | ${rps(r.rawRead.rps)} |

The search costs ${ratio(r.availability.p50, r.list.p50)} a plain read of the same stack at
the median, and ${ratio(r.availability.p50, r.rawRead.p50)} the bare SQL that fetches its
inputs: the rest is the free-window sweep in Node.js (per base, per open interval) and the
JSON of the answer.

### Booking throughput under contention

${r.clients} clients at once, ${r.perClient} bookings each, every booking of its own
(non-clashing) slot, through the real \`POST …/training-bases/:id/bookings\` (rules, quota,
capacity check under the base's row lock, the capacity trigger, audit entry).

| variant | requests | answers | req/s | p50 | p99 |
| --- | --- | --- | --- | --- | --- |
| all clients on **one** base (contended: one row lock) | ${r.oneBase.count} | ${statuses(r.oneBase)} | ${rps(r.oneBase.rps)} | ${ms(r.oneBase.p50)} | ${ms(r.oneBase.p99)} |
| baseline: each client on its **own** base (no contention) | ${r.spread.count} | ${statuses(r.spread)} | ${rps(r.spread.rps)} | ${ms(r.spread.p50)} | ${ms(r.spread.p99)} |
| racing for the **last** workstation of one slot | ${r.lastRace.count} | ${statuses(r.lastRace)} | ${rps(r.lastRace.rps)} | ${ms(r.lastRace.p50)} | ${ms(r.lastRace.p99)} |

Contention on one base gives ${ratio(r.oneBase.rps, r.spread.rps)} the throughput of the
spread load: bookings of one base are decided one at a time by design (the per-base lock),
bookings of different bases in parallel. In the race ${r.lastRace.statuses[201] ?? 0} request(s) took the last
workstation and ${r.lastRace.statuses[409] ?? 0} answered 409 with the clashing ranges. After the run the database
holds ${r.overbooked} overbooked bookings.
`;
}
