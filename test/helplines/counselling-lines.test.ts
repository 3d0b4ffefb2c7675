/**
 * The lines for someone who needs to talk to a person now (src/helplines/counselling-lines.ts):
 * the counselling line and the emergency number of the patient's region, else of the country a
 * location they shared lies in, else India's and Bangladesh's.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MessageRef } from '../../src/engine/flow';
import { newSession, type Session } from '../../src/engine/session';
import { renderRef } from '../../src/router/render';
import { counsellingLines } from '../../src/helplines/counselling-lines';
import { loadHelplines } from '../../src/helplines/directory';
import { createTranslator } from '../../src/i18n/translator';
import { configDir, localesDir } from '../../src/paths';

const directory = loadHelplines(join(configDir, 'helplines.yaml'));
const translator = createTranslator(localesDir);
const NOW = Date.UTC(2021, 4, 1, 10);
const text = (refs: MessageRef[]) => refs.map((r) => renderRef(r, 'en', (k, l, p) => translator.t(k, l, p))).join('\n');
const session = (vars: Record<string, unknown>): Session => ({ ...newSession(), vars });

it('gives the chosen region its counselling line (with another number of it) and its emergency and ambulance numbers', () => {
  expect(text(counsellingLines(directory, session({ profile: { region: 'in_wb' } }), NOW))).toBe(
    'West Bengal:\n💬 Tele-MANAS, free mental health support: 14416 or 1-800-891-4416 (24x7)\n🆘 Emergency: 112 · 🚑 Ambulance: 108',
  );
  expect(text(counsellingLines(directory, session({ profile: { region: 'bd' } }), NOW))).toBe('Bangladesh:\n💬 Health line (Shasthyo Batayon): 16263 (24x7)\n🆘 Emergency: 999');
  expect(text(counsellingLines(directory, session({ profile: { region: 'sa' } }), NOW))).toBe('Saudi Arabia:\n💬 Ministry of Health: 937 (24x7)\n🆘 Emergency: 911 · 🚑 Ambulance: 997');
});

it("gives a worker who shared a pin in Riyadh, and chose no region, Saudi Arabia's lines", () => {
  const riyadh = session({ beds: { location: { lat: 24.7136, lng: 46.6753 }, location_at: NOW - 3_600_000 } });
  expect(text(counsellingLines(directory, riyadh, NOW))).toBe('Saudi Arabia:\n💬 Ministry of Health: 937 (24x7)\n🆘 Emergency: 911 · 🚑 Ambulance: 997');
});

it("gives India's and Bangladesh's lines, each under its name, when the region is not known", () => {
  expect(text(counsellingLines(directory, newSession(), NOW))).toBe(
    'India:\n💬 Tele-MANAS, free mental health support: 14416 or 1-800-891-4416 (24x7)\n🆘 Emergency: 112 · 🚑 Ambulance: 108\n' +
      'Bangladesh:\n💬 Health line (Shasthyo Batayon): 16263 (24x7)\n🆘 Emergency: 999',
  );
});

it('refuses a crisis region the directory does not have', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sahay-helplines-'));
  try {
    const file = join(dir, 'helplines.yaml');
    writeFileSync(file, readFileSync(join(configDir, 'helplines.yaml'), 'utf8').replace('- { region: bd, name: emergency.country.bd }', '- { region: np, name: emergency.country.bd }'));
    expect(() => loadHelplines(file)).toThrow('crisis_regions_when_unknown.1.region: region "np" is not under regions');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
