/**
 * A distance line says what it is measured from. "N km away" is from the patient, so it is said
 * only from the location they shared; from a town they named it is "N km from <town>", and from
 * the hospitals of their PIN code "N km from PIN <code>" — in each language.
 */
import { loadConfig } from '../../src/config';
import { answerMessage } from '../../src/beds/answer';
import type { BedAnswer, BedSearch } from '../../src/beds/lookup';
import type { Language } from '../../src/engine/flow';
import { createTranslator } from '../../src/i18n/translator';
import { localesDir } from '../../src/paths';
import { renderRef } from '../../src/router/render';
import type { HospitalInput } from '../../src/storage/repositories';
import { bedsOverForEachFile, count, hospital, NOW } from './registry';

const config = loadConfig({ DATA_DIR: '/tmp/sahay-distance-origin-test' });
const translator = createTranslator(localesDir);


// Raipur's hospitals have no free ventilator; Durg's one, ~36 km west of Raipur, has.
const REGISTRY: HospitalInput[] = [
  hospital('raipur-full', { location: { lat: 21.25, lng: 81.63 }, pincode: '492001', beds: { ventilator: count(0, 4), oxygen: count(5, 20) } }),
  hospital('durg-free', { district: 'Durg', location: { lat: 21.19, lng: 81.28 }, beds: { ventilator: count(2, 4) } }),
];

const over = bedsOverForEachFile(config, REGISTRY);

const find = (s: BedSearch): BedAnswer => over.service.finder.find(s);
const render = (a: BedAnswer, lang: Language) =>
  renderRef(answerMessage(a, { now: NOW, kindLabel: over.service.kindLabel, lang }), lang, (k, l, p) => translator.t(k, l, p));
const distanceLines = (text: string) => text.split('\n').filter((l) => l.includes('📍'));

describe('a distance says what it is measured from', () => {
  it('from a town the patient named: "km from Raipur", never "km away", in each language', () => {
    const a = find({ target: { by: 'district', place: 'raipur' }, kind: 'ventilator' });
    expect(a.nearest.map((r) => r.id)).toEqual(['durg-free']);
    expect(a.nearest[0]!.km).not.toBeNull();
    expect(distanceLines(render(a, 'en'))).toEqual([expect.stringMatching(/^ {3}📍 3\d km from Raipur$/)]);
    expect(distanceLines(render(a, 'bn'))).toEqual([expect.stringMatching(/^ {3}📍 রায়পুর থেকে 3\d কিমি দূরে$/)]);
    expect(distanceLines(render(a, 'hi'))).toEqual([expect.stringMatching(/^ {3}📍 रायपुर से 3\d किमी दूर$/)]);
    expect(render(a, 'en')).not.toContain('km away');
  });

  it('from the hospitals of a PIN code: "km from PIN 492001", in each language', () => {
    const a = find({ target: { by: 'pincode', pincode: '492001' }, kind: 'oxygen' });
    expect(a.area).toEqual({ type: 'pincode', pincode: '492001' });
    expect(distanceLines(render(a, 'en'))).toEqual(['   📍 0.0 km from PIN 492001']);
    expect(distanceLines(render(a, 'bn'))).toEqual(['   📍 পিন 492001 থেকে 0.0 কিমি দূরে']);
    expect(distanceLines(render(a, 'hi'))).toEqual(['   📍 पिन 492001 से 0.0 किमी दूर']);
  });

  it('from a location the patient shared: "km away", as before', () => {
    const a = find({ target: { by: 'location', lat: 21.25, lng: 81.63 }, kind: 'oxygen' });
    expect(distanceLines(render(a, 'en'))).toEqual(['   📍 0.0 km away']);
    expect(distanceLines(render(a, 'bn'))).toEqual(['   📍 0.0 কিমি দূরে']);
    expect(distanceLines(render(a, 'hi'))).toEqual(['   📍 0.0 किमी दूर']);
    // Nothing free near them: the nearest elsewhere are still measured from where they are.
    const none = find({ target: { by: 'location', lat: 21.25, lng: 81.63 }, kind: 'ventilator' });
    expect(distanceLines(render(none, 'en'))).toEqual([expect.stringMatching(/^ {3}📍 3\d km away$/)]);
  });
});
