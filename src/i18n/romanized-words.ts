import type { Language } from '../engine/flow';

/**
 * Words that tell Hindi, Bengali and English apart when all three are typed in
 * Latin letters ("mujhe bukhar hai", "amar jor ache", "I have fever").
 *
 * Where they come from: written by hand from the way patients type in chat —
 * the spellings seen in helpline transcripts and WhatsApp groups of the 2021
 * wave (several spellings of one word: jor/jwor, achhe/ache, nahi/nahin) —
 * plus the commonest function words of each language. Not a frequency list.
 *
 * Rules for editing: a word goes in one list only, and only if it is rare as a
 * word of the other two languages' chat ("ki", "ke", "na", "ha", "bhai", "main"
 * are left out: they are common in more than one). English loanwords that every
 * patient uses whatever their language ("oxygen", "doctor", "covid", "test")
 * are left out too: they say nothing about the language.
 */
export const ROMANIZED_WORDS: Readonly<Record<Language, readonly string[]>> = {
  hi: [
    'hai', 'hain', 'nahi', 'nahin', 'nhi', 'mujhe', 'mera', 'meri', 'mere', 'hum', 'humein', 'aap', 'aapka',
    'kya', 'kaise', 'kaisa', 'kyun', 'kab', 'kuch', 'haan', 'hoon', 'hun', 'raha', 'rahi', 'rahe',
    'gaya', 'gayi', 'tha', 'thi', 'aur', 'bhi', 'abhi', 'bahut', 'zyada', 'jyada', 'se', 'ko',
    'bukhar', 'bukhaar', 'saans', 'sans', 'dard', 'khansi', 'khaansi', 'sar', 'gala',
    'madad', 'chahiye', 'lag', 'lagta', 'lagti', 'ho', 'hua', 'hui',
    // What a patient in crisis writes, whose reply must be in their language from the first
    // message on ("khudkushi karna chahta hu", "neend ki goliyan kha li", "nas kaat li").
    'karna', 'chahta', 'chahti', 'chahte', 'hu', 'marna', 'jeene', 'khudkushi', 'khatam',
    'neend', 'goliyan', 'liya', 'li', 'kaat', 'kalai', 'latakne', 'zeher', 'zehar',
  ],
  bn: [
    'ami', 'amar', 'amake', 'amader', 'tumi', 'apni', 'apnar', 'ache', 'achhe', 'achi', 'achhi',
    'nai', 'nei', 'hya', 'hyan', 'hoyeche', 'hoyechhe', 'hocche', 'hochhe', 'korchi', 'korche',
    'pacchi', 'pachhi', 'parchi', 'jor', 'jwor', 'kosto', 'koshto', 'kashi', 'gola', 'betha',
    'byatha', 'batha', 'shash', 'shwash', 'swas', 'matha', 'kemon', 'keno', 'ekhon', 'khub', 'bhalo',
    'valo', 'dorkar', 'lagche', 'lagchhe', 'theke', 'shahajjo', 'sahajjo',
    // What a patient in crisis writes ("ar bachte chai na", "morte ichche korche", "nijeke shesh
    // kore dite chai", "ghumer oshudh kheye felechi"): see the Hindi list.
    'bachte', 'baachte', 'morte', 'ichche', 'icche', 'nijeke', 'shesh', 'kore', 'dite', 'korbo',
    'korte', 'chaina', 'kheyechi', 'kheye', 'felechi', 'ghumer', 'oshudh', 'kete', 'golay',
  ],
  en: [
    'i', 'have', 'has', 'had', 'the', 'a', 'an', 'is', 'am', 'are', 'was', 'my', 'me', 'you', 'it', 'to',
    'of', 'and', 'with', 'since', 'for', 'not', 'can', 'cannot', 'do', 'does', 'what', 'how', 'when',
    'where', 'hello', 'hi', 'please', 'thanks', 'thank', 'need', 'want', 'feel', 'feeling',
    'fever', 'cough', 'breathe', 'breathing', 'breath', 'pain', 'chest', 'throat', 'headache',
    'smell', 'taste', 'days', 'day', 'today', 'yesterday', 'sick', 'help',
  ],
};
