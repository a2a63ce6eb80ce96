// Zaitaku's backoffice entry point (plain ES module, no build step; @umbraco-cms/backoffice/* come from the
// backoffice's import map).
import { UMB_CURRENT_USER_CONTEXT } from '@umbraco-cms/backoffice/current-user';

// Labels Umbraco 18.3.2 writes in its manifests in English, not as localization keys, on screens our people use.
const japaneseLabels = {
	'Umb.WorkspaceView.LogViewer.Overview': '概要', // the log viewer's first tab
	'Umb.MenuItem.Extensions': '拡張機能の一覧', // "Extension Insights" in the Settings tree, beside the log viewer
	'Umb.Dashboard.Telemetry': 'テレメトリーデータ', // a dashboard of the Settings section
};

export const onInit = (host, extensionRegistry) => {
	// Umbraco's welcome dashboard in the Content section ("Umb.Dashboard.UmbracoNews": English news from Umbraco's
	// servers) gives way to ours (dashboards/welcome.js, registered in umbraco-package.json).
	extensionRegistry.exclude('Umb.Dashboard.UmbracoNews');

	// Re-register those manifests with a Japanese label (the alias, conditions and element stay Umbraco's).
	for (const [alias, label] of Object.entries(japaneseLabels)) {
		extensionRegistry.byAlias(alias).subscribe((manifest) => {
			if (!manifest || manifest.meta?.label === label) return;
			extensionRegistry.unregister(alias);
			extensionRegistry.register({ ...manifest, meta: { ...manifest.meta, label } });
		});
	}

	// Umbraco leaves <html lang="en"> whatever the user's language; screen readers then read Japanese as English
	// (WCAG 3.1.1 / JIS X 8341-3 3.1.1). The page's language follows the signed-in user's backoffice language.
	host.consumeContext?.(UMB_CURRENT_USER_CONTEXT, (context) => {
		context?.languageIsoCode.subscribe((iso) => {
			if (iso) document.documentElement.lang = iso;
		});
	});
};
