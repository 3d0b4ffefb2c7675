/**
 * The console's WhatsApp screen: admins see the link state and, while a phone is
 * awaited, the QR code as an image (never the QR text); operators do not.
 */
import { mountWhatsAppConsole } from '../../../src/channels/whatsapp/console-screen';
import { WhatsAppLink } from '../../../src/channels/whatsapp/link';
import { PASSWORDS, startConsole, type Harness } from '../../console/harness';

let h: Harness;
const link = new WhatsAppLink(() => Date.UTC(2021, 4, 1));

beforeAll(async () => {
  h = await startConsole({ beforeFinish: ({ consoleApp }) => mountWhatsAppConsole(consoleApp, link) });
  await h.account('admin1', ['admin']);
  await h.account('op1', ['operator']);
});
afterAll(async () => h.close());

it('shows the link state and the QR code to admins only', async () => {
  const admin = h.client();
  expect((await admin.signIn('admin1', PASSWORDS.admin)).status).toBe(200);
  link.update({ state: 'waiting_for_qr', qr: '2@secret-qr-payload,abc' });
  const res = await admin.req('GET', '/api/admin/whatsapp/link');
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ enabled: true, state: 'waiting_for_qr', restarts: 0 });
  expect(res.body.qr).toMatch(/^data:image\/png;base64,/);
  expect(JSON.stringify(res.body)).not.toContain('secret-qr-payload');
  expect((await admin.req('GET', '/api/console/session')).body.nav.map((n: { id: string }) => n.id)).toContain('whatsapp');

  link.update({ state: 'ready' });
  expect((await admin.req('GET', '/api/admin/whatsapp/link')).body).toMatchObject({ state: 'ready', qr: null });

  const op = h.client();
  expect((await op.signIn('op1', PASSWORDS.operator)).status).toBe(200);
  expect((await op.req('GET', '/api/admin/whatsapp/link')).status).toBe(403);
});
