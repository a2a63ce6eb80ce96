// Lists the English words a person sees on the page: visible text (through open shadow roots) and placeholders.
// Returns [{ word, text, where, components }]: `where` is the last few elements, `components` every custom element
// (Umbraco's umb-*, its UI library's uui-*, ours) from the text up to the document, so a test can name the component.
// Not English: 'Umbraco' and the other names in `allowed`, e-mail addresses, URLs and file names, and words inside
// the editors' own content (fields the user typed into: inputs, textareas, rich text, code).
(allowedWords) => {
	const allowed = new Set(allowedWords.map((w) => w.toLowerCase()));
	const found = [];
	const describe = (el) => {
		const parts = [];
		for (let e = el, i = 0; e && i < 4; i++) {
			parts.unshift(e.tagName ? e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') : '#shadow');
			e = e.parentElement ?? e.getRootNode()?.host;
		}
		return parts.join(' > ');
	};
	const components = (el) => {
		const tags = [];
		for (let e = el; e; e = e.parentElement ?? e.getRootNode()?.host) if (e.tagName?.includes('-')) tags.push(e.tagName.toLowerCase());
		return tags;
	};
	const visible = (el) => {
		if (!el || !el.isConnected) return false;
		if (typeof el.checkVisibility === 'function' && !el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return false;
		const r = el.getBoundingClientRect();
		return r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight * 3 && r.left < innerWidth;
	};
	const inUserContent = (el) => {
		let inLink = false;
		for (let e = el; e; e = e.parentElement ?? e.getRootNode()?.host) {
			const tag = e.tagName?.toLowerCase();
			if (tag === 'a') inLink = true;
			// The log viewer's common messages: each linked template is what the server logs (data); the headers are labels.
			if (tag === 'umb-log-viewer-message-templates-overview') return inLink;
			if (tag === 'textarea' || tag === 'code' || tag === 'pre' || e.isContentEditable || tag === 'umb-code-editor') return true;
			if (e.classList?.contains('monaco-editor')) return true;
			// A log message is what the server wrote (Serilog, in English), not a label of the backoffice; its level is.
			if (e.id === 'level') return false;
			if (tag === 'umb-log-viewer-message') return true;
		}
		return false;
	};
	const check = (text, el) => {
		const cleaned = text
			.replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, ' ')           // e-mail addresses
			.replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, ' ') // keys (GUIDs)
			.replace(/https?:\/\/\S+|(^|[^\w.])\/[\w\-./%?=&#]*/g, ' ')  // URLs and paths
			.replace(/「[^」]*」/g, ' ')                                // a value quoted in Japanese: data, not a label
			.replace(/\b[\w-]+\.(png|jpe?g|gif|svg|webp|pdf|docx?|xlsx?|csv|txt|json|js|html?)\b/gi, ' '); // file names
		for (const m of cleaned.matchAll(/[A-Za-z][A-Za-z']+/g)) {
			const word = m[0].replace(/'s$/, '');
			if (word.length < 2 || allowed.has(word.toLowerCase())) continue;
			found.push({ word, text: text.trim().slice(0, 120), where: describe(el), components: components(el) });
		}
	};
	const walk = (root) => {
		const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
		for (let n = walker.nextNode(); n; n = walker.nextNode()) {
			if (n.nodeType === Node.TEXT_NODE) {
				const el = n.parentElement ?? n.parentNode?.host;
				if (!n.textContent.trim() || !el) continue;
				const tag = el.tagName?.toLowerCase();
				if (tag === 'style' || tag === 'script' || tag === 'noscript' || tag === 'title') continue;
				if (visible(el) && !inUserContent(el)) check(n.textContent, el);
				continue;
			}
			const el = n;
			if (el.shadowRoot) walk(el.shadowRoot);
			if (!visible(el) || inUserContent(el)) continue;
			const tag = el.tagName.toLowerCase();
			if ((tag === 'input' || tag === 'textarea') && el.placeholder && !el.value) check(el.placeholder, el);
			// A <slot> shows its assigned nodes: they are walked where they live (light DOM).
		}
	};
	walk(document.body);
	return found;
}
