/**
 * At the main menu, a request for the ambulance's or the helplines' NUMBER is the helplines entry
 * ("Helplines and ambulance"): it got "please choose". A request for an ambulance itself stays the
 * emergency word. A person asked for in ordinary words is the doctor word (the hand-off), as the
 * listed phrases are, as a first message too (`command.note` reads the same `command`).
 */
import { createInterpreter } from '../../src/i18n/interpreter';
import { createTranslator } from '../../src/i18n/translator';
import { localesDir } from '../../src/paths';
import { shippedOptionsOf } from '../support/shipped-options';

const interp = createInterpreter(createTranslator(localesDir));
const menu = shippedOptionsOf('main_menu', 'menu');

describe('the number of the ambulance or the helplines, asked for at the menu', () => {
  it.each(['ambulance number please', 'ambulance number', 'एम्बुलेंस का नंबर', 'অ্যাম্বুলেন্স নম্বর দিন', 'ambulance er number ta din', 'helpline number do', 'helpline number chahiye'])(
    '%s is the helplines entry, and no global word',
    (text) => {
      expect(interp.command(text)).toBeNull();
      expect(interp.choice(text, menu)).toBe('helplines');
    },
  );
  it.each(['ambulance', 'need an ambulance', 'send an ambulance', 'ambulance please', 'ambulance chahiye', 'অ্যাম্বুলেন্স লাগবে', 'एम्बुलेंस भेजो'])('%s stays the emergency word', (text) => {
    expect(interp.command(text)).toBe('emergency');
  });
});

describe('a person asked for in ordinary words', () => {
  it.each(['I want to talk to a real person', 'can someone call me', 'need to speak with doctor urgently', 'किसी इंसान से बात करनी है', 'ডাক্তারবাবুর সাথে কথা বলতে চাই', 'daktar babur sathe kotha bolbo', 'ami daktar er sathe kotha bolte chai', 'talk to a doctor please'])(
    '%s is the doctor word',
    (text) => expect(interp.command(text)).toBe('doctor'),
  );
  it('words that change nothing are no command alone', () => {
    expect(interp.command('please')).toBeNull();
    expect(interp.command('urgently')).toBeNull();
  });
});
