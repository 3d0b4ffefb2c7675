/** Local times in the patients' zones, °F readings, and config/followup.yaml. */
import { cpSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/config';
import { toCelsius } from '../../src/followup/fever';
import { loadFollowupConfig } from '../../src/followup/config';
import { atLocal, dailyTimes, localMinutes, withinWakingHours } from '../../src/followup/schedule';
import { projectRoot } from '../../src/paths';

const at = (iso: string) => Date.parse(iso);

it('puts a daily time in Kolkata, Dhaka and Riyadh, the first one strictly after now', () => {
  const now = at('2021-05-01T10:00:00Z'); // 15:30 Kolkata, 16:00 Dhaka, 13:00 Riyadh
  expect(dailyTimes(now, 'Asia/Kolkata', 9 * 60, 2).map((t) => new Date(t).toISOString())).toEqual(['2021-05-02T03:30:00.000Z', '2021-05-03T03:30:00.000Z']);
  expect(dailyTimes(now, 'Asia/Dhaka', 19 * 60, 1).map((t) => new Date(t).toISOString())).toEqual(['2021-05-01T13:00:00.000Z']);
  expect(dailyTimes(now, 'Asia/Riyadh', 14 * 60, 1).map((t) => new Date(t).toISOString())).toEqual(['2021-05-01T11:00:00.000Z']);
  // Just before midnight UTC it is already the next day in Dhaka.
  expect(new Date(atLocal(at('2021-05-01T23:00:00Z'), 'Asia/Dhaka', 0, 9 * 60)).toISOString()).toBe('2021-05-02T03:00:00.000Z');
});

it('knows local waking hours', () => {
  const waking = { from: 8 * 60, to: 21 * 60 };
  expect(localMinutes(at('2021-05-01T02:30:00Z'), 'Asia/Kolkata')).toBe(8 * 60);
  expect(withinWakingHours(at('2021-05-01T02:29:00Z'), 'Asia/Kolkata', waking)).toBe(false);
  expect(withinWakingHours(at('2021-05-01T02:30:00Z'), 'Asia/Kolkata', waking)).toBe(true);
  expect(withinWakingHours(at('2021-05-01T15:00:00Z'), 'Asia/Dhaka', waking)).toBe(false); // 21:00 Dhaka
  expect(withinWakingHours(at('2021-05-01T17:59:00Z'), 'Asia/Riyadh', waking)).toBe(true); // 20:59 Riyadh
});

it('reads temperatures in °C or °F', () => {
  expect(toCelsius(37.5)).toBe(37.5);
  expect(toCelsius(100.4)).toBe(38);
  expect(toCelsius(98.6)).toBe(37);
});

it('loads config/followup.yaml and names what is wrong in a broken one', () => {
  const problems: string[] = [];
  const config = loadFollowupConfig(join(projectRoot, 'config'), problems);
  expect(problems).toEqual([]);
  expect(config).toMatchObject({ days: 7, slots: { morning: 540, afternoon: 840, evening: 1140 }, wakingHours: { from: 480, to: 1260 }, missedInARowForCall: 2 });
  expect(config!.timeZones).toMatchObject({ in_wb: 'Asia/Kolkata', bd: 'Asia/Dhaka', sa: 'Asia/Riyadh' });

  const dir = mkdtempSync(join(tmpdir(), 'sahay-followup-config-'));
  try {
    const text = readFileSync(join(projectRoot, 'config/followup.yaml'), 'utf8').replace('evening: "19:00"', 'evening: "22:30"').replace('bd: Asia/Dhaka', 'bd: Asia/Dacca_Nowhere');
    writeFileSync(join(dir, 'followup.yaml'), text);
    const bad: string[] = [];
    expect(loadFollowupConfig(dir, bad)).toBeUndefined();
    expect(bad.join('\n')).toContain('time_zones.bd: unknown IANA time zone');
    writeFileSync(join(dir, 'followup.yaml'), text.replace('bd: Asia/Dacca_Nowhere', 'bd: Asia/Dhaka'));
    const late: string[] = [];
    loadFollowupConfig(dir, late);
    expect(late.join('\n')).toContain('slots.evening: 22:30 is outside waking_hours');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// node-cron would otherwise throw at `sahay start`, after the server listens, with a bare
// "Invalid time zone specified" or cron message naming neither the file nor the field.
it('refuses a cron expression or a beds source time zone node-cron cannot use, as a configuration error naming file and field', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sahay-cron-config-'));
  try {
    const configDir = join(dir, 'config');
    cpSync(join(projectRoot, 'config'), configDir, { recursive: true });
    const followup = join(configDir, 'followup.yaml');
    writeFileSync(followup, readFileSync(followup, 'utf8').replace('cron: "* * * * *"', 'cron: "61 * * * *"'));
    const problems: string[] = [];
    expect(loadFollowupConfig(configDir, problems)).toBeUndefined();
    expect(problems).toEqual([`${followup}: cron: a cron expression such as "* * * * *"`]);
    // The same through loadConfig: a ConfigError, which `sahay` prints and exits 78 (EX_CONFIG) on.
    expect(() => loadConfig({ CONFIG_DIR: configDir, DATA_DIR: dir })).toThrow(ConfigError);
    expect(() => loadConfig({ CONFIG_DIR: configDir, DATA_DIR: dir })).toThrow(`${followup}: cron: a cron expression`);

    cpSync(join(projectRoot, 'config', 'followup.yaml'), followup);
    const sources = join(configDir, 'beds', 'sources.yaml');
    writeFileSync(sources, 'sources:\n  - { id: wb-portal, url: "https://example.org/wb.json", cron: "*/15 * * * *", timezone: Asia/Kolkatta }\n');
    expect(() => loadConfig({ CONFIG_DIR: configDir, DATA_DIR: dir })).toThrow(`${sources}: sources.0.timezone: an IANA time zone such as Asia/Kolkata`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
