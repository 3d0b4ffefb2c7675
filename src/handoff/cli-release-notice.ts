/**
 * The release notice ("you are back in the queue", with the place and wait, or when the desk
 * opens) for a process that is not the running service: `sahay accounts disable` gives an
 * operator's chats back from the command line, and their patients must be told as when an
 * admin disables the account on the console (src/handoff/mount.ts sets the same notice there).
 *
 * It is the desk's own HandoffDesk.releaseNotice, on a hand-off service attached to the
 * command's store. The notice is stored in the outbox with the move (AccountService); this
 * process has no channel to send it through, so the running service's outbox sweep
 * (`OUTBOX_POLL_MS`) delivers it, as it does any reply not sent at once.
 *
 * ```ts
 * accounts.setReleaseNotice(cliReleaseNotice({ config, store }));
 * ```
 */
import type { ReleaseNotice } from '../console/accounts';
import type { Config } from '../config';
import { newRecordId } from '../ids';
import { createTranslator } from '../i18n/translator';
import { silentLogger, type Logger } from '../log';
import { localesDir } from '../paths';
import type { Store } from '../storage/repositories';
import { HandoffDesk } from './desk';
import { HandoffService } from './service';

export function cliReleaseNotice(deps: { config: Readonly<Config>; store: Store; now?: () => number; newId?: () => string; log?: Logger }): ReleaseNotice {
  let desk: HandoffDesk | undefined;
  // Built on first use: most commands give back no chat and need no translator.
  const build = (): HandoffDesk => {
    const { config, store } = deps;
    const svc = new HandoffService({ config: config.handoff, helplines: config.helplines, now: deps.now ?? Date.now, newId: deps.newId ?? newRecordId, log: deps.log ?? silentLogger });
    const translator = createTranslator(localesDir);
    svc.attach({
      store,
      translate: (key, lng, params) => translator.t(key, lng, params),
      // A release hands no chat back to the bot: the feedback flow is the close's.
      feedback: { start: () => Promise.reject(new Error('the hand-off feedback flow does not run from the command line')) },
      // Stored with the move: the running service's outbox sweep sends it.
      outbox: { deliverTo: () => Promise.resolve() },
      defaultLanguage: config.defaultLanguage,
    });
    return new HandoffDesk(svc);
  };
  return (ticket, at) => (desk ??= build()).releaseNotice(ticket, at);
}
