/**
 * The console's WhatsApp screen (src/http/public/console/screens/whatsapp.js): the
 * link state, why it last went down, when the next try is, and — while waiting for
 * a phone — the QR code to scan. Admins only, like every /api/admin route.
 *
 *   GET /api/admin/whatsapp/link → { enabled, state, since, reason, detail, restarts, nextAttemptAt, waState, qr }
 *
 * `qr` is a PNG data URL (never the QR text, never logged); null when there is nothing to scan.
 */
import type { ConsoleApp } from '../../console/mount';
import type { WhatsAppLink } from './link';

export function mountWhatsAppConsole(consoleApp: ConsoleApp, link: WhatsAppLink | undefined): void {
  consoleApp.nav.add({ id: 'whatsapp', label: 'nav.whatsapp', roles: ['admin'], script: 'screens/whatsapp.js', order: 130 });
  consoleApp.routes.route('get', '/api/admin/whatsapp/link', ['admin'], async (_req, res) => {
    if (!link) {
      res.json({ enabled: false });
      return;
    }
    const { qr: _text, ...status } = link.status();
    res.json({ enabled: true, ...status, qr: await link.qrDataUrl() });
  });
}
