/**
 * A worker in the UAE, Qatar, Kuwait, Oman or Bahrain, through the real router and the shipped
 * flows: the region question lists the five Gulf countries and reads them typed in English,
 * Bengali, Hindi or romanized; the helplines card, the emergency advice and the crisis reply give
 * that country's numbers (never India's 108, nor a blank counselling line); "bed in Dubai" and a
 * location pin in Doha are told there is no bed data there, with that country's helplines; and a
 * request for a doctor takes the Gulf region. Before, each of these gave India's, Bangladesh's or
 * Saudi Arabia's numbers, which do not work there.
 */
import { getPath } from '../../src/engine/paths';
import { ticketDetail } from '../../src/handoff/queue-view';
import type { Account } from '../../src/storage/repositories';
import { createTestCore, type TestCore } from '../support/core';
import { existingConversation } from '../support/conversation';

let t: TestCore;
let user = 0;

beforeAll(async () => {
  t = await createTestCore();
});
afterAll(() => t.close());

const REGIONS = ['in_wb', 'in_ct', 'in_other', 'bd', 'sa', 'ae', 'qa', 'kw', 'om', 'bh'];

/** A new patient at the main menu, in `lang`. */
async function atMenu(lang: 'english' | 'bangla' | 'hindi' = 'english'): Promise<string> {
  const id = `gulf-${++user}`;
  for (const text of ['hi', lang, 'yes']) await t.send(id, text);
  return id;
}

const texts = async (id: string, content: Parameters<TestCore['send']>[1]) => (await t.send(id, content)).map((m) => m.text).join('\n---\n');
const region = async (id: string) => getPath((await existingConversation(t.core.store, 'webchat', id)).session, 'profile.region');

describe('helplines', () => {
  it.each([
    ['6', 'ae', 'Helplines (UAE):\n🚑 Ambulance: 998\n🆘 Emergency: 999\n☎️ Ministry of Health: 800 11111\n'],
    ['7', 'qa', 'Helplines (Qatar):\n🚑 Ambulance: 999\n🆘 Emergency: 999\n☎️ Ministry of Health: 16000\n'],
    ['8', 'kw', 'Helplines (Kuwait):\n🚑 Ambulance: 112\n🆘 Emergency: 112\n💬'],
    ['9', 'om', 'Helplines (Oman):\n🚑 Ambulance: 9999\n🆘 Emergency: 9999\n💬'],
    ['10', 'bh', 'Helplines (Bahrain):\n🚑 Ambulance: 999\n🆘 Emergency: 999\n☎️ Ministry of Health COVID-19 line: 444\n'],
  ])('region %s (%s): its own numbers, and no counselling number it does not have', async (pick, value, card) => {
    const id = await atMenu();
    const asked = await t.send(id, 'helplines');
    expect(asked.at(-1)?.choices?.map((c) => c.payload)).toEqual(REGIONS);
    const said = await texts(id, pick);
    expect(said.startsWith(card)).toBe(true);
    expect(said).toContain('💬 I have no counselling line for this country. To talk to one of our counsellors, write “counsellor” here.');
    expect(said).not.toMatch(/\b108\b|\b1075\b|\b16263\b|\b997\b|\b937\b|Counselling: /);
    expect(await region(id)).toBe(value);
  });

  it.each([
    ['english', 'dubai', 'ae', 'Helplines (UAE):'],
    ['english', 'doha', 'qa', 'Helplines (Qatar):'],
    ['english', 'UAE', 'ae', 'Helplines (UAE):'],
    ['bangla', 'দুবাই', 'ae', 'হেল্পলাইন (সংযুক্ত আরব আমিরাত):'],
    ['bangla', 'কুয়েত', 'kw', 'হেল্পলাইন (কুয়েত):'],
    ['bangla', 'মাস্কাট', 'om', 'হেল্পলাইন (ওমান):'],
    ['bangla', 'bahrain', 'bh', 'হেল্পলাইন (বাহরাইন):'],
    ['hindi', 'कतर', 'qa', 'हेल्पलाइन (क़तर):'],
    ['hindi', 'दुबई', 'ae', 'हेल्पलाइन (संयुक्त अरब अमीरात):'],
    ['hindi', 'kuwait', 'kw', 'हेल्पलाइन (कुवैत):'],
  ] as const)('%s: "%s" typed at the region question → %s', async (lang, typed, value, card) => {
    const id = await atMenu(lang);
    await t.send(id, '4');
    expect(await texts(id, typed)).toContain(card);
    expect(await region(id)).toBe(value);
  });
});

describe('emergency advice, the region known', () => {
  it.each([
    ['kuwait', 'Kuwait: 112'],
    ['dubai', 'UAE: 998 (ambulance) or 999'],
    ['oman', 'Oman: 9999'],
  ])('%s: its ambulance number, and no other country\'s', async (where, line) => {
    const id = await atMenu();
    await t.send(id, 'helplines');
    await t.send(id, where);
    const said = await texts(id, "I can't breathe");
    expect(said).toContain(`🚑 Call an ambulance NOW:\n${line}\n`);
    expect(said).not.toMatch(/India|Bangladesh|Saudi/);
  });
});

describe('the crisis reply, the region known', () => {
  it("Bahrain: its emergency number, and no empty counselling line", async () => {
    const id = await atMenu();
    await t.send(id, 'helplines');
    await t.send(id, 'bahrain');
    const said = await texts(id, 'I want to kill myself');
    expect(said).toContain('Please talk to someone now:\nBahrain:\n🆘 Emergency: 999\nIf you have hurt yourself');
    expect(said).not.toMatch(/💬|India|Tele-MANAS|16263/);
  });
});

describe('bed search', () => {
  it('"bed in Dubai": no bed data there, with the UAE\'s helplines', async () => {
    const id = await atMenu();
    const said = await texts(id, 'bed in Dubai');
    expect(said).toContain('😔 I have no hospital bed data for Dubai.\n\nFor help: ☎️ Ministry of Health: 800 11111 · 🚑 Ambulance: 998');
    expect(said).not.toContain('108');
  });

  it.each([
    ['bangla', 'দুবাইয়ে বেড', '😔 দুবাই সম্পর্কে হাসপাতালের বেডের কোনো তথ্য আমার কাছে নেই।', '🚑 অ্যাম্বুলেন্স: 998'],
    ['bangla', 'দোহায় বেড দরকার', '😔 দোহা সম্পর্কে হাসপাতালের বেডের কোনো তথ্য আমার কাছে নেই।', '☎️ স্বাস্থ্য মন্ত্রণালয়: 16000 · 🚑 অ্যাম্বুলেন্স: 999'],
    ['hindi', 'दोहा में बेड चाहिए', '😔 दोहा के अस्पतालों के बेड की जानकारी मेरे पास नहीं है।', '☎️ स्वास्थ्य मंत्रालय: 16000 · 🚑 एम्बुलेंस: 999'],
  ] as const)('%s: "%s" is told so, with that country\'s helplines', async (lang, request, noData, help) => {
    const id = await atMenu(lang);
    const said = await texts(id, request);
    expect(said).toContain(noData);
    expect(said).toContain(help);
  });

  it.each([
    ['bed in Muscat', 'Muscat', '🚑 Ambulance: 9999'],
    ['bed in Kuwait City', 'Kuwait', '🚑 Ambulance: 112'],
    ['bed in Manama', 'Manama', '🚑 Ambulance: 999'],
    ['bed in Sharjah', 'Sharjah', '🚑 Ambulance: 998'],
  ])('"%s": no bed data for %s, with its country\'s ambulance', async (request, place, ambulance) => {
    const id = await atMenu();
    const said = await texts(id, request);
    expect(said).toContain(`😔 I have no hospital bed data for ${place}.`);
    expect(said).toContain(ambulance);
  });

  it("a location pin in Doha: no bed data for Qatar, its helplines; then a crisis gets Qatar's number, not India's and Bangladesh's", async () => {
    const id = await atMenu();
    await t.send(id, '2');
    await t.send(id, '3');
    const said = await texts(id, { kind: 'location', lat: 25.2854, lng: 51.531 });
    expect(said).toContain('😔 I have no hospital bed data for Qatar.\n\nFor help: ☎️ Ministry of Health: 16000 · 🚑 Ambulance: 999');
    const crisis = await texts(id, 'I want to kill myself');
    expect(crisis).toContain('Please talk to someone now:\nQatar:\n🆘 Emergency: 999\n');
    expect(crisis).not.toMatch(/India|Bangladesh/);
  });

  it('a location pin in Dubai: no bed data for the UAE', async () => {
    const id = await atMenu();
    await t.send(id, '2');
    await t.send(id, '3');
    expect(await texts(id, { kind: 'location', lat: 25.2048, lng: 55.2708 })).toContain('😔 I have no hospital bed data for the UAE.\n\nFor help: ☎️ Ministry of Health: 800 11111 · 🚑 Ambulance: 998');
  });
});

describe('a doctor asked for', () => {
  it('the region question lists the Gulf countries, and "doha" is Qatar', async () => {
    const id = await atMenu();
    const asked = await t.send(id, 'talk to a doctor');
    expect(asked.at(-1)?.choices?.map((c) => c.payload)).toEqual(REGIONS);
    await t.send(id, 'doha');
    expect(await region(id)).toBe('qa');
    // The console names the ticket's region ("Qatar", "কাতার"), not its code.
    const conv = await existingConversation(t.core.store, 'webchat', id);
    const ticket = (await t.core.store.tickets.openFor(conv.id))!;
    const doctor: Account = { id: 'doc', username: 'doc', displayName: 'Doctor', roles: ['doctor'], languages: ['en', 'bn'], queues: [ticket.queue], active: true, passwordHash: '', createdAt: 0, updatedAt: 0 };
    await expect(ticketDetail(t.core.handoff, ticket.id, doctor, 'en', t.clock.now)).resolves.toMatchObject({ ticket: { region: 'qa', regionName: 'Qatar' } });
    await expect(ticketDetail(t.core.handoff, ticket.id, doctor, 'bn', t.clock.now)).resolves.toMatchObject({ ticket: { regionName: 'কাতার' } });
    await t.send(id, 'cancel');
  });
});
