/**
 * `beds.near_me`: whether what the patient typed asks for hospitals near them ("near me",
 * "nearby", "amar kache", "मेरे पास": config/beds/words.yaml `near_me`) without naming a place
 * or a PIN code — something only a shared location can answer, so the flow says how to share one
 * (or to type the district or PIN code) instead of "I don't know the place “near me”". Sets
 * `beds.near_me`, and `beds.typed` (the message has words: a place to look up, where a sticker or
 * a photo has none).
 */
import { wordsOf } from '../engine/input';
import type { Action } from '../engine/services';
import { pincodeIn } from './pincode-in-text';
import { saysPhrase } from './phrase-in-text';
import type { BedsService } from './service';

export function bedsNearMeAction(beds: BedsService): Action {
  return (ctx) => {
    const text = wordsOf(ctx.input)?.trim() ?? '';
    ctx.set('beds.typed', text !== '');
    // "Nearest hospital in Howrah", "near me 700020": the place named is searched.
    const nearMe = text !== '' && saysPhrase(text, beds.config.nearMe) && !beds.finder.resolvePlace(text) && !pincodeIn(text);
    ctx.set('beds.near_me', nearMe);
  };
}
