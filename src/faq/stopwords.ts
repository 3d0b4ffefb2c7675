/**
 * Words that say nothing about which question was asked: pronouns, particles,
 * auxiliaries, postpositions, in each language and in romanized chat spelling.
 * Kept short on purpose. Question words that separate entries stay searchable
 * ("where" to test vs "when" to test, কোথায়/কখন, कहाँ/कब), and so do negations
 * ("no symptoms" is a question of its own); the index's IDF weighs the rest.
 * Compared after normalisation, before stemming.
 */
export const STOPWORDS: ReadonlySet<string> = new Set([
  // English
  'i', 'me', 'my', 'mine', 'we', 'our', 'us', 'you', 'your', 'he', 'she', 'his', 'her', 'it', 'its', 'they', 'them', 'their',
  'a', 'an', 'the', 'this', 'that', 'these', 'those', 'is', 'am', 'are', 'was', 'were', 'be', 'been', 'being',
  'do', 'does', 'did', 'have', 'has', 'had', 'to', 'of', 'in', 'on', 'at', 'for', 'from', 'by', 'and', 'or', 'so',
  'can', 'could', 'should', 'would', 'will', 'shall', 'may', 'might', 'must', 'what', 'which', 'please', 'tell', 'about',
  'if', 'there', 'any', 'some', 'get', 'got', 'im', "i'm", 'know', 'want', 'sir', 'madam', 'pls', 'plz', 'hi', 'hello', 'dear',
  // Praise says nothing of the topic, and "good" has the chat-spelling key of গন্ধ, गंध ("smell"):
  // "is ivermectin good for covid" got the loss-of-smell answer.
  'good', 'bad', 'better', 'best',
  // Bengali (with the commonest forms of হওয়া, করা, যাওয়া, পারা, থাকা: they are in every other question)
  'হয়', 'হবে', 'হলে', 'হল', 'হলো', 'হচ্ছে', 'হয়েছে', 'হয়েছিল', 'হতে', 'করব', 'করবো', 'করি', 'করতে', 'করা', 'করবেন', 'যায়', 'যাবে',
  'পারি', 'পারে', 'পারব', 'পারবো', 'পারেন', 'থাকে', 'থাকবে', 'আছে', 'ছিল', 'দরকার', 'উচিত', 'থেকে', 'করানো', 'করাব', 'করাতে', 'করাবো', 'কোন', 'কোনো', 'সব', 'এখন', 'তাহলে', 'কিন্তু',
  'কি', 'কী', 'আমি', 'আমার', 'আমাকে', 'আমরা', 'আমাদের', 'তুমি', 'তোমার', 'আপনি', 'আপনার', 'আপনাকে', 'সে', 'তার', 'এটা', 'এটি',
  'সেটা', 'এই', 'ওই', 'ও', 'এবং', 'আর', 'বা', 'তো', 'যে', 'টা', 'জন্য', 'কিছু', 'একটু', 'দয়া', 'করে', 'বলুন', 'বলবেন', 'জানতে', 'চাই',
  // Hindi (with the commonest forms of होना, करना, जाना, सकना)
  'होता', 'होती', 'होते', 'होना', 'होगा', 'होगी', 'हुआ', 'हुई', 'करें', 'करना', 'करूं', 'करूँ', 'करे', 'करते', 'कर', 'जाता', 'जाती', 'जाए', 'जाएं',
  'रहा', 'रही', 'रहे', 'लिए', 'वाले', 'वाला', 'वाली', 'कोई', 'कुछ', 'अब', 'लेकिन', 'पर', 'फिर', 'कराएं', 'कराना', 'करवाना', 'करवाएं', 'कराऊं',
  'क्या', 'है', 'हैं', 'हूँ', 'हूं', 'मैं', 'मुझे', 'मेरा', 'मेरी', 'मेरे', 'हम', 'हमें', 'हमारा', 'आप', 'आपका', 'आपको', 'का', 'की', 'के',
  'को', 'में', 'से', 'और', 'या', 'तो', 'यह', 'ये', 'वह', 'वो', 'एक', 'हो', 'था', 'थी', 'भी', 'ही', 'जी', 'कृपया', 'बताएं', 'बताइए', 'बताओ',
  'चाहिए', 'सकता', 'सकती', 'सकते', 'जानना', 'चाहता', 'चाहती',
  // romanized Bengali
  'e', 'er', 'r', 'te', 'theke', 'hoy', 'hobe', 'hole', 'holo', 'hocche', 'hochhe', 'hoyeche', 'hote', 'korbo', 'kori', 'korte', 'kora',
  'jay', 'jabe', 'pari', 'pare', 'parbo', 'ache', 'achhe', 'chilo', 'dorkar', 'uchit', 'korabo', 'korate', 'korano', 'kon', 'kono', 'ekhon', 'tahole', 'kintu',
  'ki', 'ami', 'amar', 'amake', 'amra', 'amader', 'apni', 'apnar', 'apnake', 'tumi', 'tomar', 'eta', 'ei', 'oi', 'ar', 'ba', 'je', 'jonno',
  'kichu', 'ektu', 'bolun', 'bolben', 'janate', 'jante', 'chai',
  // romanized Hindi
  'hota', 'hoti', 'hona', 'hoga', 'hogi', 'hua', 'hui', 'karna', 'kare', 'karu', 'karo', 'karte', 'kar', 'jata', 'jati', 'jaye',
  'raha', 'rahi', 'rahe', 'liye', 'wale', 'wala', 'wali', 'koi', 'kuch', 'ab', 'lekin', 'par', 'phir', 'fir', 'karana', 'karwana', 'karaye', 'karwaye', 'karwau',
  'kya', 'hai', 'hain', 'hu', 'hoon', 'hun', 'main', 'mai', 'mein', 'mujhe', 'muje', 'mera', 'meri', 'mere', 'hum', 'humein', 'aap', 'aapka',
  'aapko', 'ka', 'ke', 'ko', 'se', 'aur', 'ya', 'yeh', 'ye', 'woh', 'wo', 'ek', 'ho', 'tha', 'thi', 'bhi', 'ji', 'kripya', 'batao',
  'bataye', 'batayen', 'bataiye', 'chahiye', 'sakta', 'sakti', 'sakte',
]);
