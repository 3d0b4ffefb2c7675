/**
 * A worker in the UAE, Qatar, Kuwait, Oman or Bahrain who says yes to daily check-ins: the region
 * question offers their country, the confirmation names their country's time, and the check-ins
 * are planned at the slot's hour on their clock (config/followup.yaml `time_zones`). Before, the
 * five were not offered: a worker in Dubai had to pick another country, and a 9 am check-in came
 * at India's 9 am (7:30 in Dubai) or Riyadh's (10 am).
 */
import { join } from 'node:path';
import { loadFollowupConfig } from '../../src/followup/config';
import { localMinutes } from '../../src/followup/schedule';
import { projectRoot } from '../../src/paths';
import { existingConversation } from '../support/conversation';
import { coreForEachTest, type RestartableCore } from './harness';

const TO_OFFER = ['I need help', 'English', 'yes', '1', 'no', 'a mild fever and a headache', 'yes', '2', '98', '34', 'no', '0', '4', 'yes'];

const problems: string[] = [];
const config = loadFollowupConfig(join(projectRoot, 'config'), problems)!;

it('puts each Gulf region in its own zone', () => {
  expect(problems).toEqual([]);
  expect(['ae', 'qa', 'kw', 'om', 'bh'].map((r) => config.timeZones[r])).toEqual(['Asia/Dubai', 'Asia/Qatar', 'Asia/Kuwait', 'Asia/Muscat', 'Asia/Bahrain']);
});

describe('check-ins for a worker in the Gulf', () => {
  let h!: RestartableCore;
  coreForEachTest((core) => (h = core));

  it.each([
    ['6', '1', 'Done. I will message you every day at 9 am, UAE time.', 'Asia/Dubai', 9 * 60],
    ['dubai', '3', 'Done. I will message you every day at 7 pm, UAE time.', 'Asia/Dubai', 19 * 60],
    ['7', '2', 'Done. I will message you every day at 2 pm, Qatar time.', 'Asia/Qatar', 14 * 60],
    ['kuwait', '1', 'Done. I will message you every day at 9 am, Kuwait time.', 'Asia/Kuwait', 9 * 60],
    ['9', '1', 'Done. I will message you every day at 9 am, Oman time.', 'Asia/Muscat', 9 * 60],
    ['bahrain', '3', 'Done. I will message you every day at 7 pm, Bahrain time.', 'Asia/Bahrain', 19 * 60],
  ])('region "%s", slot %s: "%s", planned on the %s clock', async (region, slot, said, zone, minutes) => {
    for (const text of TO_OFFER) await h.send('p1', text);
    await h.send('p1', 'yes');
    const asked = await h.send('p1', slot);
    expect(asked.at(-1)?.choices?.map((c) => c.payload)).toEqual(['in_wb', 'in_ct', 'in_other', 'bd', 'sa', 'ae', 'qa', 'kw', 'om', 'bh']);
    const confirmed = await h.send('p1', region);
    expect(confirmed[0]?.text).toContain(said);
    const conv = await existingConversation(h.core.store, 'webchat', 'p1');
    const e = (await h.core.store.followups.currentFor(conv.id))!;
    expect(e.timeZone).toBe(zone);
    const plan = await h.core.store.followups.checkins(e.id);
    expect(plan.length).toBeGreaterThan(0);
    for (const c of plan) expect(localMinutes(c.dueAt, zone)).toBe(minutes);
  });
});
