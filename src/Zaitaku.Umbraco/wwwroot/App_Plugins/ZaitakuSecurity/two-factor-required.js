// Opens Umbraco's own two-factor dialog for a user who must turn it on (administrators and the 事務局 reviewers,
// Zaitaku:Security:TwoFactorRequiredGroups) and has not yet: until then the server refuses everything else
// (Security/TwoFactorRequirement.cs). Plain ES module, no bundler: the backoffice's import map resolves the imports.
import { UMB_AUTH_CONTEXT } from '@umbraco-cms/backoffice/auth';
import { UMB_CURRENT_USER_MFA_MODAL } from '@umbraco-cms/backoffice/current-user';
import { umbOpenModal } from '@umbraco-cms/backoffice/modal';
import { UMB_NOTIFICATION_CONTEXT } from '@umbraco-cms/backoffice/notification';

const statusUrl = '/umbraco/management/api/v1/zaitaku/security/two-factor';

async function status(auth) {
	const token = await auth.getLatestToken();
	const response = await fetch(statusUrl, { headers: { Authorization: `Bearer ${token}` }, credentials: 'include' });
	return response.ok ? response.json() : null;
}

let running = false;

export const onInit = (host) => {
	host.consumeContext(UMB_AUTH_CONTEXT, async (auth) => {
		// The context may be provided more than once: one dialog, one warning.
		if (!auth || running) return;
		running = true;
		let notifications;
		host.consumeContext(UMB_NOTIFICATION_CONTEXT, (context) => (notifications = context));
		let current = await status(auth);
		let asked = false;
		// Keep asking until it is on: closing the dialog does not get round the server's refusal.
		while (current && current.required && !current.enabled) {
			asked = true;
			notifications?.peek('warning', { data: { headline: current.title, message: current.detail } });
			try {
				await umbOpenModal(host, UMB_CURRENT_USER_MFA_MODAL);
			} catch {
				// closed without finishing
			}
			current = await status(auth);
			if (current && current.required && !current.enabled) await new Promise((r) => setTimeout(r, 1500));
		}
		// Screens refused before it was on are loaded again, now allowed.
		if (asked && current && current.enabled) location.reload();
	});
};
