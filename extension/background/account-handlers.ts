/**
 * Message handlers for the Beatport sign-in (and, later, other account and upload actions that
 * must not live in handlers.ts). Each answers extension pages only: a password or a pasted token
 * must never be accepted from, nor a sign-in state revealed to, a content script.
 */
import { browser, type Browser } from 'wxt/browser';
import { DeckhandError } from '../../shared/errors';
import type { RequestParams, ResponseTypes } from '../../shared/messages';
import { beatportAccountView, connectBeatport, disconnectBeatport } from '../platforms/beatport/auth-user';
import { accountView } from '../core/oauth';
import { isOwnProfile, uploadPlatformOfHost } from '../ui/upload-entry/where';

type Sender = Browser.runtime.MessageSender;
type AccountRequest = 'beatport.account' | 'beatport.connect' | 'beatport.disconnect' | 'upload.ownProfile';
type AccountHandlers = { [T in AccountRequest]: (params: RequestParams<T>, sender: Sender) => Promise<ResponseTypes[T]> };

/** A page of this extension (a content script's sender URL is the web page's). */
export function fromExtensionPage(sender: Sender): boolean {
  return !!sender.url && sender.url.startsWith(browser.runtime.getURL('/')) && sender.id === browser.runtime.id;
}

function extensionPagesOnly(sender: Sender): void {
  if (!fromExtensionPage(sender)) throw new DeckhandError('protocol.invalid', 'Only the extension’s own pages may manage accounts.');
}

export function accountHandlers(): AccountHandlers {
  return {
    'beatport.account': async (_params, sender) => {
      extensionPagesOnly(sender);
      return beatportAccountView();
    },
    'beatport.connect': async (params, sender) => {
      extensionPagesOnly(sender);
      return connectBeatport(params);
    },
    'beatport.disconnect': async (_params, sender) => {
      extensionPagesOnly(sender);
      await disconnectBeatport();
      return { ok: true };
    },
    'upload.ownProfile': async ({ url }) => {
      const platform = uploadPlatformOfHost(url);
      if (!platform) return { own: false };
      const account = await accountView(platform);
      return { own: account.connected && !!account.profile?.profileUrl && isOwnProfile(url, account.profile.profileUrl) };
    },
  };
}
