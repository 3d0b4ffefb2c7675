/**
 * The numbers a patient is given while the desk they wait for is closed, in a Gulf country with
 * no counselling line and, for Kuwait and Oman, no other line (config/helplines.yaml). The
 * counsellors' "you can talk to someone at any hour" promised a person the emergency number is
 * not: such a patient is told to call it if in danger. And the doctors' "meanwhile" ended with an
 * empty line where the region has no other lines.
 *
 * 1 May 2021 was a Saturday; at 20:00 UTC the counsellors (12:00–20:00 India time) and the
 * Gulf doctors' desk (09:00–21:00 Riyadh time) are both closed.
 */
import { handoffTestPerTest } from './support';

const t = handoffTestPerTest(20);

describe('the counsellors closed, a region with no counselling line', () => {
  it.each([
    ['en', 'kw', 'Until then, if you are in danger, call the emergency number:\nKuwait:\n🆘 Emergency: 112'],
    ['bn', 'om', 'ততক্ষণে বিপদে পড়লে জরুরি নম্বরে ফোন করুন:\nওমান:\n🆘 জরুরি: 9999'],
    ['hi', 'ae', 'तब तक अगर आप ख़तरे में हों, तो आपातकालीन नंबर पर फ़ोन करें:\nसंयुक्त अरब अमीरात:\n🆘 आपातकाल: 999 · 🚑 एम्बुलेंस: 998'],
  ] as const)('%s, %s: to call the emergency number if in danger, not "talk to someone"', async (lang, region, meanwhile) => {
    await t.toMenu('p', lang, region);
    const said = await t.texts('p', 'counsellor');
    expect(said).toContain(meanwhile);
    expect(said.join('\n')).not.toContain(t.tr('handoff.meanwhile_counselling', lang, { numbers: '' }).trim());
  });

  it('a region with a counselling line keeps "talk to someone at any hour"', async () => {
    await t.toMenu('p', 'en', 'bd');
    expect(await t.texts('p', 'counsellor')).toContain('Until then, you can talk to someone at any hour:\nBangladesh:\n💬 Health line (Shasthyo Batayon): 16263 (24x7)\n🆘 Emergency: 999');
  });
});

describe('the doctors closed, a region with no other lines', () => {
  it.each([
    ['en', 'kw', 'Until then, if you feel worse, do not wait:\n🚑 Ambulance: 112\n🆘 Emergency: 112'],
    ['bn', 'om', 'ততক্ষণে শরীর খারাপ হলে অপেক্ষা করবেন না:\n🚑 অ্যাম্বুলেন্স: 9999\n🆘 জরুরি: 9999'],
    ['hi', 'kw', 'तब तक तबीयत बिगड़े तो इंतज़ार न करें:\n🚑 एम्बुलेंस: 112\n🆘 आपातकाल: 112'],
  ] as const)('%s, %s: the numbers, with no empty line after them', async (lang, region, meanwhile) => {
    await t.toMenu('p', lang, region);
    expect(await t.texts('p', 'doctor')).toContain(meanwhile);
  });

  it('a region with other lines lists them after the emergency number', async () => {
    await t.toMenu('p', 'en', 'qa');
    expect(await t.texts('p', 'doctor')).toContain('Until then, if you feel worse, do not wait:\n🚑 Ambulance: 999\n🆘 Emergency: 999\n☎️ Ministry of Health: 16000');
  });
});
