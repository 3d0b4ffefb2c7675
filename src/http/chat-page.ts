/**
 * The web chat page: static files from src/http/public/chat/ at /chat/, with the page's own
 * texts (its status line, the 📍 button and what it says when the browser gives no location)
 * written into index.html as it is served. Those texts live in locales/<lng>/webchat.json with
 * every other text, so a translator sees them and the locale completeness test covers them; the
 * page (plain JavaScript, no build step) reads them from the page itself, so they are there
 * before its first line runs, at no extra request on a slow phone.
 *
 * The page is public and holds no patient data: the texts are the same for everyone.
 */
import express, { type Express, type Response } from 'express';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LANGUAGES } from '../engine/flow';
import { localesDir, publicDir } from '../paths';

/** Same-origin scripts, styles and sockets only: the chat page shows text from strangers. */
const CHAT_PAGE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self' ws: wss:; base-uri 'none'; form-action 'none'";

/** Where index.html takes the texts: the body of its `<script type="application/json" id="texts">`. */
const TEXTS_SLOT = '{"webchat":"texts"}';

function securityHeaders(res: Response): void {
  res.setHeader('Content-Security-Policy', CHAT_PAGE_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
}

/**
 * The texts as the body of a JSON script element: `<` escaped, so that no text can end the
 * element ("</script>"); the JSON stays the same JSON.
 */
export function textsForPage(dir: string): string {
  const texts = Object.fromEntries(LANGUAGES.map((lng) => [lng, JSON.parse(readFileSync(join(dir, lng, 'webchat.json'), 'utf8')) as unknown]));
  return JSON.stringify(texts).replace(/</g, '\\u003c');
}

export function mountChatPage(app: Express, opts: { localesDir?: string; publicDir?: string } = {}): void {
  const pageDir = join(opts.publicDir ?? publicDir, 'chat');
  // Read once: the files change with a deploy, not at run time.
  const template = readFileSync(join(pageDir, 'index.html'), 'utf8');
  if (!template.includes(TEXTS_SLOT)) throw new Error(`Sahay: ${join(pageDir, 'index.html')} has no ${TEXTS_SLOT} for the page's texts`);
  const page = template.replace(TEXTS_SLOT, () => textsForPage(opts.localesDir ?? localesDir));
  app.get(['/chat/', '/chat/index.html'], (req, res, next) => {
    // "/chat" matches too (routes ignore a trailing slash): the static files below redirect it to
    // "/chat/", so that the page's relative URLs (chat.js, the socket) resolve under it.
    if (!req.path.startsWith('/chat/')) return next();
    securityHeaders(res);
    // Revalidated (its ETag) on each visit: a deploy's new texts are seen at once.
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(page);
  });
  app.use('/chat', express.static(pageDir, { index: false, setHeaders: securityHeaders }));
}
