/**
 * The hand-off's parts on their own: working hours in a queue's own time zone (and the
 * sentence that tells a patient when the desk opens), config/handoff.yaml checks, the
 * wait estimate, queue routing, and — on a real core with a fixed clock — the SLA flag,
 * /metrics, the admins' statistics and auto-assignment with a per-operator cap.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { loadHandoffConfig, handoffConfigKeys, type QueueConfig } from '../../src/handoff/config';
import { AutoAssigner } from '../../src/handoff/auto-assign';
import { registerHandoffMetrics } from '../../src/handoff/metrics';
import { operatorQueue } from '../../src/handoff/queue-view';
import { emergencyQueueFor, freshTriage, priorityOf, queueFor } from '../../src/handoff/routing';
import { handoffStats } from '../../src/handoff/stats';
import { estimateWaitMinutes, median } from '../../src/handoff/wait-estimate';
import { isOpen, localTime, nextOpening, openingWhen } from '../../src/handoff/working-hours';
import { outOfHours } from '../../src/handoff/actions';
import type { MessageRef } from '../../src/engine/flow';
import { createTranslator } from '../../src/i18n/translator';
import { silentLogger } from '../../src/log';
import { configDir, localesDir } from '../../src/paths';
import { createHandoffTest } from './support';

const config = loadConfig({ DATA_DIR: join(tmpdir(), 'unused') });
const queue = (id: string) => config.handoff.queues.find((q) => q.id === id)!;
const probash = queue('probash-doctor');
const kolkata = queue('kolkata-doctor');
const utc = (d: number, h: number, m = 0) => Date.UTC(2021, 4, d, h, m);

describe('working hours in the queue\'s own time zone', () => {
  it('reads the local weekday and minute with Intl', () => {
    expect(localTime(utc(1, 20, 45), 'Asia/Riyadh')).toEqual({ weekday: 'sat', minutes: 23 * 60 + 45, date: '2021-05-01' });
    expect(localTime(utc(1, 20, 45), 'Asia/Kolkata')).toEqual({ weekday: 'sun', minutes: 2 * 60 + 15, date: '2021-05-02' });
  });

  it('is open 09:00–21:00 local time: the same instant can be open in Kolkata and closed in Riyadh', () => {
    expect([isOpen(probash, utc(1, 4)), isOpen(kolkata, utc(1, 4))]).toEqual([false, true]); // 07:00 / 09:30
    expect([isOpen(probash, utc(1, 6)), isOpen(probash, utc(1, 17, 59)), isOpen(probash, utc(1, 18))]).toEqual([true, true, false]); // 09:00, 20:59, 21:00
    expect([isOpen(probash, utc(1, 17)), isOpen(kolkata, utc(1, 17))]).toEqual([true, false]); // 20:00 / 22:30
  });

  it('finds the next opening: later today, tomorrow, or after the days it is closed', () => {
    expect(nextOpening(probash, utc(1, 4))).toBe(utc(1, 6)); // 09:00 Riyadh today
    expect(nextOpening(kolkata, utc(1, 17))).toBe(utc(2, 3, 30)); // 09:00 India tomorrow
    expect(nextOpening(kolkata, utc(1, 10))).toBe(utc(1, 10)); // open now
    const counsellor = queue('counsellor'); // Mon–Sat 12:00–20:00 India
    expect(nextOpening(counsellor, utc(1, 15))).toBe(utc(3, 6, 30)); // Saturday 20:30 → Monday 12:00
  });

  it('handles a time zone with daylight saving', () => {
    const london: Pick<QueueConfig, 'hours' | 'timeZone'> = { timeZone: 'Europe/London', hours: [{ days: ['sun', 'mon'], open: 9 * 60, close: 17 * 60 }] };
    // Sunday 28 March 2021 the clocks went forward at 01:00 UTC: 09:00 is 08:00 UTC.
    expect(nextOpening(london, Date.UTC(2021, 2, 28, 0))).toBe(Date.UTC(2021, 2, 28, 8));
    expect(nextOpening(london, Date.UTC(2021, 2, 27, 12))).toBe(Date.UTC(2021, 2, 28, 8));
  });

  it('tells the patient when the desk opens, in their language and the desk\'s local time', () => {
    const t = createTranslator(localesDir);
    const say = (q: QueueConfig, at: number, lng: 'bn' | 'hi' | 'en') => {
      const ref = openingWhen(q, at, nextOpening(q, at), lng);
      const params = Object.fromEntries(Object.entries(ref.params ?? {}).map(([k, v]) => [k, String(v)]));
      return t.t(ref.key, lng, params);
    };
    // The 24-hour clock, in the language's digits: no English "AM"/"PM" in Bengali or Hindi.
    expect(say(probash, utc(1, 4), 'en')).toBe('today at 09:00');
    expect(say(probash, utc(1, 4), 'bn')).toBe('আজ ০৯:০০-এ');
    expect(say(kolkata, utc(1, 17), 'hi')).toBe('कल 09:00');
    expect(say(queue('counsellor'), utc(1, 15), 'en')).toBe('on Monday at 12:00');
    expect(say(queue('counsellor'), utc(1, 15), 'bn')).toBe('সোমবার ১২:০০-এ');
  });

  it("says the day and time on the patient's clock when their zone is known, naming the desk's zone only when it is theirs", () => {
    const t = createTranslator(localesDir);
    const render = (ref: MessageRef, lng: 'bn' | 'hi' | 'en'): string => {
      const params = Object.fromEntries(Object.entries(ref.params ?? {}).map(([k, v]) => [k, typeof v === 'object' && v !== null && 'key' in v ? render(v as MessageRef, lng) : String(v)]));
      return t.t(ref.key, lng, params);
    };
    // 00:30 Sunday in Dhaka (18:30 UTC Saturday): the Riyadh desk opens at 09:00 Riyadh, 12:00 Dhaka, the same Sunday.
    const at = utc(1, 18, 30);
    expect(render(outOfHours(probash, at, 'en', 'Asia/Dhaka'), 'en')).toBe('Our desk is closed now. It opens today at 12:00 (your time). Your request is kept: someone from the desk will write to you here once it opens.');
    expect(render(outOfHours(probash, at, 'bn', 'Asia/Dhaka'), 'bn')).toContain('খুলবে আজ ১২:০০-এ (আপনার সময়)');
    // A worker in Riyadh, and a patient whose region is not known: the desk's clock, by its name.
    expect(render(outOfHours(probash, at, 'en', 'Asia/Riyadh'), 'en')).toContain('It opens tomorrow at 09:00 (Riyadh time).');
    expect(render(outOfHours(probash, at, 'en'), 'en')).toContain('It opens tomorrow at 09:00 (Riyadh time).');
  });
});

describe('config/handoff.yaml', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sahay-handoff-config-'));
    cpSync(configDir, dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const withFile = (edit: (text: string) => string) => {
    writeFileSync(join(dir, 'handoff.yaml'), edit(readFileSync(join(configDir, 'handoff.yaml'), 'utf8')));
    const problems: string[] = [];
    loadHandoffConfig(dir, problems, new Set(Object.keys(config.helplines.regions)));
    return problems;
  };

  it('loads the shipped file, whose message keys exist in every language', () => {
    expect(withFile((x) => x)).toEqual([]);
    const t = createTranslator(localesDir);
    for (const key of handoffConfigKeys(config.handoff)) for (const lng of ['bn', 'hi', 'en'] as const) expect([key, lng, t.has(key, lng)]).toEqual([key, lng, true]);
  });

  it('names the field of each problem: time zone, hours, regions, a kind without a default queue', () => {
    expect(withFile((x) => x.replace('time_zone: Asia/Riyadh', 'time_zone: Asia/Riyad'))).toEqual([expect.stringMatching(/handoff\.yaml: queues\.0\.time_zone: an IANA time zone/)]);
    expect(withFile((x) => x.replace('open: "09:00", close: "21:00" }\n    regions', 'open: "21:00", close: "09:00" }\n    regions'))).toEqual([expect.stringMatching(/queues\.0\.hours\.0\.close: open must be before close/)]);
    expect(withFile((x) => x.replace('regions: [sa, bd, ae, qa, kw, om, bh]', 'regions: [sa, mars]'))).toEqual([expect.stringMatching(/queues\.0: region "mars" is not in config\/helplines\.yaml/)]);
    expect(withFile((x) => x.replace('    helpline_region: in_wb\n  # Counsellors', '    regions: [in_wb]\n    helpline_region: in_wb\n  # Counsellors'))).toEqual([expect.stringMatching(/kind "doctor" needs a default queue/)]);
  });
});

describe('routing and the wait estimate', () => {
  it('routes by the patient\'s region to the kind\'s queue, else its default', () => {
    expect(queueFor(config.handoff, 'doctor', 'sa').id).toBe('probash-doctor');
    expect(queueFor(config.handoff, 'doctor', 'bd').id).toBe('probash-doctor');
    expect(queueFor(config.handoff, 'doctor', 'in_wb').id).toBe('kolkata-doctor');
    expect(queueFor(config.handoff, 'doctor', null).id).toBe('kolkata-doctor');
    expect(queueFor(config.handoff, 'general', 'sa').id).toBe('general');
    // An emergency is never held behind a closed desk: 06:33 in Riyadh (09:03 in Kolkata), Probash closed, Kolkata's doctors open.
    const riyadh0633 = Date.UTC(2021, 4, 1, 3, 33);
    expect(emergencyQueueFor(config.handoff, 'doctor', 'sa', riyadh0633).id).toBe('kolkata-doctor');
    // 08:30 in Kolkata: the doctors' desks closed, the general desk (08:00–22:00 India) open.
    expect(emergencyQueueFor(config.handoff, 'doctor', 'sa', Date.UTC(2021, 4, 1, 3, 0)).id).toBe('general');
    // Its own desk open: its own desk. Every desk closed (03:00 India, 00:30 Riyadh): its own desk still.
    expect(emergencyQueueFor(config.handoff, 'doctor', 'sa', Date.UTC(2021, 4, 1, 12)).id).toBe('probash-doctor');
    expect(emergencyQueueFor(config.handoff, 'doctor', 'sa', Date.UTC(2021, 4, 0, 21, 30)).id).toBe('probash-doctor');
  });

  it('ranks by a fresh triage level only', () => {
    const session = (level: string, at: number) => ({ stack: [], lang: 'en' as const, vars: { triage: { level, at, reasons: ['x'], answers: { age: 70 } } }, turns: 1 });
    expect(priorityOf(freshTriage(session('hospital', 0), 3_600_000, 24))).toBe(3);
    expect(priorityOf(freshTriage(session('hospital', 0), 25 * 3_600_000, 24))).toBe(1);
    expect(['emergency', 'hospital', 'doctor', 'home_isolation', 'self_care'].map((l) => priorityOf(freshTriage(session(l, 0), 0, 24)))).toEqual([4, 3, 2, 1, 0]);
  });

  it('estimates from recent handling times, shared among the operators online, rounded up to 5 minutes', () => {
    expect(median([])).toBeNull();
    expect(median([4, 1, 9])).toBe(4);
    expect(median([4, 1, 9, 6])).toBe(5);
    // Nobody online: no minutes promised (the patient is told a person joins as soon as one is free).
    expect(estimateWaitMinutes({ position: 1, recentHandlingMinutes: [], operatorsOnline: 0, defaultHandlingMinutes: 10 })).toBeNull();
    expect(estimateWaitMinutes({ position: 1, recentHandlingMinutes: [], operatorsOnline: 1, defaultHandlingMinutes: 10 })).toBe(10);
    expect(estimateWaitMinutes({ position: 3, recentHandlingMinutes: [6, 8, 30], operatorsOnline: 2, defaultHandlingMinutes: 10 })).toBe(15);
    expect(estimateWaitMinutes({ position: 1, recentHandlingMinutes: [1], operatorsOnline: 4, defaultHandlingMinutes: 10 })).toBe(5);
  });
});

describe('on a running core, with a fixed clock', () => {
  it('flags a ticket waiting past the SLA in every queue view and on /metrics, and counts days for admins', async () => {
    const t = await createHandoffTest();
    try {
      registerHandoffMetrics(t.core.metrics.registry, t.core.handoff, silentLogger);
      t.at(10);
      await t.toMenu('p1', 'en', 'in_wb');
      await t.send('p1', 'doctor');
      const doctor = await t.account('meera');
      const [ticket] = await t.core.store.tickets.list({});
      const view = async () => (await operatorQueue(t.core.handoff, doctor, t.clock.now)).tickets[0]!;
      expect(await view()).toMatchObject({ id: ticket!.id, overSla: false, minutes: 0 });
      t.at(10, 16);
      expect(await view()).toMatchObject({ overSla: true, minutes: 15 });
      const metrics = await t.core.metrics.registry.metrics();
      expect(metrics).toMatch(/^sahay_handoff_waiting_over_sla\{queue="kolkata-doctor"\} 1$/m);
      expect(metrics).toMatch(/^sahay_handoff_waiting\{queue="probash-doctor"\} 0$/m);

      await t.desk.claim(ticket!.id, doctor);
      t.at(10, 30);
      await t.desk.close(ticket!.id, doctor, 'prescription_by_doctor');
      const waited = utc(1, 10, 16) - ticket!.createdAt;
      expect(await t.core.metrics.registry.metrics()).toContain(`sahay_handoff_wait_seconds_sum{queue="kolkata-doctor"} ${waited / 1000}\n`);
      const stats = await handoffStats(t.core.handoff, 2, t.clock.now);
      expect(stats.days.map((d) => d.date)).toEqual(['2021-04-30', '2021-05-01']);
      expect(stats.days[1]).toMatchObject({ opened: 1, taken: 1, medianWaitMinutes: Math.round(waited / 6000) / 10, outcomes: { prescription_by_doctor: 1 } });
      // The handling time of that conversation (14 minutes) now sets the estimate, with Meera online: rounded up to 15.
      t.core.handoff.presence.join({ id: doctor.id, queues: [] } as never);
      await t.toMenu('p2', 'en', 'in_wb');
      expect((await t.texts('p2', 'doctor')).at(-1)).toBe(t.tr('handoff.ask.waiting', 'en', { position: 1, minutes: 15 }));
    } finally {
      await t.close();
    }
  });

  it("orders an operator's queue: with them, emergencies, their queues and languages, the rest, then with colleagues", async () => {
    const t = await createHandoffTest();
    try {
      const lang = { p1: 'en', p2: 'hi', p3: 'bn' } as const;
      let minute = 0;
      for (const [user, l] of Object.entries(lang)) {
        t.at(10, (minute += 5)); // p1 has waited longest
        await t.toMenu(user, l, 'in_wb');
        await t.send(user, { en: 'doctor', hi: 'डॉक्टर', bn: 'ডাক্তার' }[l]);
      }
      const ticketOf = async (user: string) => (await t.core.store.tickets.list({})).find((x) => x.language === lang[user as keyof typeof lang])!.id;
      const [p1, p2, p3] = [await ticketOf('p1'), await ticketOf('p2'), await ticketOf('p3')];
      const hindi = await t.account('ravi', { roles: ['operator'], languages: ['hi'], queues: ['kolkata-doctor'] });
      const order = async () => (await operatorQueue(t.core.handoff, hindi, t.clock.now)).tickets.map((x) => x.id);
      // Hindi first (theirs), then the others by priority and the longest wait.
      expect(await order()).toEqual([p2, p1, p3]);

      // A colleague takes p1: it goes to the end; an emergency goes before anything waiting.
      await t.desk.claim(p1, await t.account('meera'));
      await t.toMenu('p4', 'bn');
      await t.send('p4', 'শ্বাস নিতে পারছি না');
      const p4 = (await t.core.store.tickets.list({ states: ['waiting'] })).find((x) => x.emergency)!.id;
      expect(await order()).toEqual([p4, p2, p3, p1]);

      // What the operator has taken comes first of all.
      await t.desk.claim(p3, hindi);
      expect(await order()).toEqual([p3, p4, p2, p1]);
    } finally {
      await t.close();
    }
  });

  it('auto-assigns to online operators who serve the queue and language, up to the cap; emergencies to anyone free', async () => {
    const t = await createHandoffTest();
    try {
      const hand = t.core.handoff;
      const assigner = new AutoAssigner(hand, t.desk, { enabled: true, maxPerOperator: 1 });
      const bengali = await t.account('rina', { languages: ['bn'], roles: ['operator'] });
      const hindi = await t.account('anil', { languages: ['hi'], roles: ['operator'], queues: ['general'] });
      t.at(10);
      await t.toMenu('b1', 'bn', 'in_wb');
      await t.send('b1', 'ডাক্তার');
      await t.toMenu('b2', 'bn', 'in_wb');
      await t.send('b2', 'ডাক্তার');
      await t.toMenu('e1', 'en');
      await t.send('e1', 'chest pain');
      hand.presence.join({ id: bengali.id, queues: bengali.queues, languages: bengali.languages });
      hand.presence.join({ id: hindi.id, queues: hindi.queues, languages: hindi.languages });
      await assigner.pass();
      const all = await t.core.store.tickets.list({});
      // The emergency first, to the first free operator; then Bengali patients only to the Bengali speaker, one at a time.
      expect(all.map((x) => [x.emergency, x.language, x.state, x.assigneeId])).toEqual([
        [true, 'en', 'assigned', 'anil'],
        [false, 'bn', 'assigned', 'rina'],
        [false, 'bn', 'waiting', null],
      ]);
      expect(t.channels.webchat.take().filter((m) => m.text.includes('Dr anil') || m.text.includes('Dr rina'))).toHaveLength(2);
    } finally {
      await t.close();
    }
  });
});
