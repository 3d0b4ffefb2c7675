/**
 * The Gulf countries besides Saudi Arabia, where many Bangladeshi workers live: the UAE (`ae`),
 * Qatar (`qa`), Kuwait (`kw`), Oman (`om`) and Bahrain (`bh`) are helpline regions of their own.
 * Before, a worker in Dubai or Doha was given India's, Bangladesh's or Saudi Arabia's numbers,
 * which do not work there. Here: the directory's numbers, the region question's choices and the
 * names typed at it, a location pin placing the patient, and the lines for someone in crisis
 * (none of the five has a counselling line listed: their emergency number alone, never an empty one).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { ChoiceOption, MessageRef } from '../../src/engine/flow';
import { newSession, type Session } from '../../src/engine/session';
import { meanwhileCounselling } from '../../src/handoff/actions';
import { counsellingLines } from '../../src/helplines/counselling-lines';
import { loadHelplines } from '../../src/helplines/directory';
import { countryAt, patientCountry, patientRegion, regionAt } from '../../src/helplines/location-region';
import { createInterpreter } from '../../src/i18n/interpreter';
import { createTranslator } from '../../src/i18n/translator';
import { configDir, localesDir, projectRoot } from '../../src/paths';
import { renderRef } from '../../src/router/render';

const directory = loadHelplines(join(configDir, 'helplines.yaml'));
const translator = createTranslator(localesDir);
const interp = createInterpreter(translator);
const NOW = Date.UTC(2021, 4, 1, 10);
const text = (refs: MessageRef[]) => refs.map((r) => renderRef(r, 'en', (k, l, p) => translator.t(k, l, p))).join('\n');
const session = (vars: Record<string, unknown>): Session => ({ ...newSession(), vars });

const GULF = ['ae', 'qa', 'kw', 'om', 'bh'] as const;

/** The main city of each, and where workers live. */
const CITY = {
  dubai: { lat: 25.2048, lng: 55.2708 },
  abuDhabi: { lat: 24.4539, lng: 54.3773 },
  sharjah: { lat: 25.3463, lng: 55.4209 },
  doha: { lat: 25.2854, lng: 51.531 },
  kuwaitCity: { lat: 29.3759, lng: 47.9774 },
  muscat: { lat: 23.588, lng: 58.3829 },
  manama: { lat: 26.2285, lng: 50.586 },
};

describe('the directory', () => {
  it.each([
    ['ae', '998', '999'],
    ['qa', '999', '999'],
    ['kw', '112', '112'],
    ['om', '9999', '9999'],
    ['bh', '999', '999'],
  ])('%s: its own ambulance %s and emergency %s', (region, ambulance, emergency) => {
    expect(directory.regions[region]).toMatchObject({ ambulance, emergency });
  });

  it("never gives a Gulf country India's 108 or Bangladesh's lines, nor another country's ministry line", () => {
    const elsewhere = new Set(['in_wb', 'in_ct', 'in_other', 'bd', 'sa'].flatMap((r) => directory.regions[r]!.lines.map((l) => l.number)));
    for (const region of GULF) {
      const lines = directory.regions[region]!;
      expect([region, lines.ambulance, lines.emergency]).not.toContain('108');
      for (const l of lines.lines) expect([region, elsewhere.has(l.number)]).toEqual([region, false]);
    }
  });

  it('names each Gulf region and country in every language', () => {
    for (const region of GULF) {
      for (const lng of ['en', 'bn', 'hi'] as const) {
        expect([region, lng, translator.has(`region.${region}`, lng), translator.has(`emergency.country.${region}`, lng)]).toEqual([region, lng, true, true]);
      }
    }
  });

  const withRegion = (edit: (yaml: string) => string, run: (file: string) => void) => {
    const dir = mkdtempSync(join(tmpdir(), 'sahay-helplines-'));
    try {
      const file = join(dir, 'helplines.yaml');
      writeFileSync(file, edit(readFileSync(join(configDir, 'helplines.yaml'), 'utf8')));
      run(file);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it('refuses a region without its ambulance number', () => {
    withRegion(
      (yaml) => yaml.replace(/(\n {2}kw:\n) {4}ambulance: "112"\n/, '$1'),
      (file) => expect(() => loadHelplines(file)).toThrow('regions.kw.ambulance'),
    );
  });

  it('takes a region with no counselling line (none is known for the Gulf countries)', () => {
    expect(GULF.map((r) => [r, Object.hasOwn(directory.regions, r), directory.regions[r]?.counselling])).toEqual(GULF.map((r) => [r, true, undefined]));
    withRegion(
      (yaml) => yaml.replace(/(\n {2}sa:\n(?: {4}.*\n)*?) {4}counselling: .*\n/, '$1'),
      (file) => expect(loadHelplines(file).regions.sa).toEqual({ ambulance: '997', emergency: '911', lines: [{ name: 'helplines.name.health_ministry', number: '937' }] }),
    );
  });
});

describe('the lines for someone in crisis, in a Gulf country', () => {
  it('the chosen region: its emergency number alone, with no empty counselling line', () => {
    expect(text(counsellingLines(directory, session({ profile: { region: 'ae' } }), NOW))).toBe('UAE:\n🆘 Emergency: 999 · 🚑 Ambulance: 998');
    expect(text(counsellingLines(directory, session({ profile: { region: 'kw' } }), NOW))).toBe('Kuwait:\n🆘 Emergency: 112');
    expect(text(counsellingLines(directory, session({ profile: { region: 'om' } }), NOW))).toBe('Oman:\n🆘 Emergency: 9999');
  });

  it("the counsellors' \"meanwhile\" while their desk is closed: the same lines, to call if in danger (no one to talk to is promised)", () => {
    const said = renderRef(meanwhileCounselling(directory, session({ profile: { region: 'bh' } }), NOW), 'en', (k, l, p) => translator.t(k, l, p));
    expect(said).toBe('Until then, if you are in danger, call the emergency number:\nBahrain:\n🆘 Emergency: 999');
  });

  it("a worker who shared a pin in Doha, and chose no region: Qatar's, not India's and Bangladesh's", () => {
    const doha = session({ beds: { location: CITY.doha, location_at: NOW - 3_600_000 } });
    expect(text(counsellingLines(directory, doha, NOW))).toBe('Qatar:\n🆘 Emergency: 999');
  });
});

describe('a shared location in a Gulf country', () => {
  it.each([
    ['dubai', 'AE', 'ae'],
    ['abuDhabi', 'AE', 'ae'],
    ['sharjah', 'AE', 'ae'],
    ['doha', 'QA', 'qa'],
    ['kuwaitCity', 'KW', 'kw'],
    ['muscat', 'OM', 'om'],
    ['manama', 'BH', 'bh'],
  ] as const)('%s → %s, region %s', (city, country, region) => {
    expect(countryAt(CITY[city])).toBe(country);
    expect(regionAt(CITY[city])).toBe(region);
  });

  it("sets the patient's region and country when they chose none, as a pin in Riyadh does", () => {
    const located = (point: { lat: number; lng: number }, profile: Record<string, unknown> = {}) => session({ profile, beds: { location: point, location_at: NOW - 3_600_000 } });
    expect(patientRegion(located(CITY.dubai), NOW)).toBe('ae');
    expect(patientCountry(located(CITY.doha), NOW)).toBe('QA');
    // A region they chose is never overridden by a pin.
    expect(patientRegion(located(CITY.dubai, { region: 'bd' }), NOW)).toBe('bd');
  });
});

describe('the region question', () => {
  type FlowFile = { states: Record<string, { ask?: string; expect?: { choice?: ChoiceOption[] } }> };
  const regionOptions = (flow: string): ChoiceOption[] => {
    const parsed = parse(readFileSync(join(projectRoot, 'flows', `${flow}.yaml`), 'utf8')) as FlowFile;
    return parsed.states.region!.expect!.choice!;
  };
  const options = regionOptions('helplines');

  it('offers the five Gulf countries after the first five, whose numbers stay as they were, in every flow that asks it', () => {
    expect(options.map((o) => o.value)).toEqual(['in_wb', 'in_ct', 'in_other', 'bd', 'sa', 'ae', 'qa', 'kw', 'om', 'bh']);
    for (const flow of ['handoff', 'followup_offer']) expect([flow, regionOptions(flow)]).toEqual([flow, options]);
  });

  it.each([
    ['6', 'ae'],
    ['7', 'qa'],
    ['8', 'kw'],
    ['9', 'om'],
    ['10', 'bh'],
    ['৬', 'ae'],
    ['१०', 'bh'],
    ['5', 'sa'],
  ])('by number: %s → %s', (typed, region) => expect(interp.choice(typed, options)).toBe(region));

  it.each([
    // English and romanized
    ['dubai', 'ae'],
    ['UAE', 'ae'],
    ['Abu Dhabi', 'ae'],
    ['sharjah', 'ae'],
    ['emirates', 'ae'],
    ['amirat', 'ae'],
    ['doha', 'qa'],
    ['Qatar', 'qa'],
    ['katar', 'qa'],
    ['kuwait', 'kw'],
    ['Kuwait City', 'kw'],
    ['oman', 'om'],
    ['Muscat', 'om'],
    ['bahrain', 'bh'],
    ['manama', 'bh'],
    // Bengali
    ['আমিরাত', 'ae'],
    ['দুবাই', 'ae'],
    ['সংযুক্ত আরব আমিরাত', 'ae'],
    ['কাতার', 'qa'],
    ['দোহা', 'qa'],
    ['কুয়েত', 'kw'],
    // য় typed as one letter (U+09DF), as many keyboards do.
    ['\u0995\u09c1\u09df\u09c7\u09a4', 'kw'],
    ['ওমান', 'om'],
    ['মাস্কাট', 'om'],
    ['বাহরাইন', 'bh'],
    // Hindi
    ['कतर', 'qa'],
    ['क़तर', 'qa'],
    ['दुबई', 'ae'],
    ['संयुक्त अरब अमीरात', 'ae'],
    ['कुवैत', 'kw'],
    ['ओमान', 'om'],
    ['मस्कट', 'om'],
    ['बहरीन', 'bh'],
  ])('by name: %s → %s', (typed, region) => expect(interp.choice(typed, options)).toBe(region));

  it('still reads the first five as before', () => {
    expect(interp.choice('Riyadh', options)).toBe('sa');
    expect(interp.choice('ঢাকা', options)).toBe('bd');
    expect(interp.choice('kolkata', options)).toBe('in_wb');
    expect(interp.choice('1', options)).toBe('in_wb');
  });
});
