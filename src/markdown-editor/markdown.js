// The site's Markdown as a ProseMirror document and back. The public pipeline is Markdig with pipe
// tables and CJK-friendly emphasis; markdown-it with the same two features reads it here, and the
// serializer writes the conventions the seed bodies use (「- 」 bullets, 「| --- |」 table rules,
// 「**」 for bold), so a body that is opened and not changed comes back byte for byte.
import MarkdownIt from "markdown-it";
import cjkFriendly from "markdown-it-cjk-friendly";
import { Schema } from "prosemirror-model";
import { MarkdownParser, MarkdownSerializer, defaultMarkdownSerializer } from "prosemirror-markdown";
import { tableNodes } from "prosemirror-tables";

const cellAttributes = {
  align: {
    default: null,
    getFromDOM: dom => dom.style.textAlign || null,
    setDOMAttr: (value, attrs) => { if (value) attrs.style = (attrs.style || "") + `text-align: ${value};`; }
  }
};

export const schema = new Schema({
  nodes: {
    doc: { content: "block+" },
    paragraph: { content: "inline*", group: "block", parseDOM: [{ tag: "p" }], toDOM: () => ["p", 0] },
    heading: {
      attrs: { level: { default: 2 } }, content: "inline*", group: "block", defining: true,
      parseDOM: [1, 2, 3, 4, 5, 6].map(level => ({ tag: "h" + level, attrs: { level } })),
      toDOM: node => ["h" + node.attrs.level, 0]
    },
    blockquote: { content: "block+", group: "block", defining: true, parseDOM: [{ tag: "blockquote" }], toDOM: () => ["blockquote", 0] },
    horizontal_rule: { attrs: { markup: { default: "---" } }, group: "block", parseDOM: [{ tag: "hr" }], toDOM: () => ["hr"] },
    code_block: {
      attrs: { params: { default: "" } }, content: "text*", marks: "", group: "block", code: true, defining: true,
      parseDOM: [{ tag: "pre", preserveWhitespace: "full" }], toDOM: () => ["pre", ["code", 0]]
    },
    bullet_list: {
      attrs: { tight: { default: true }, bullet: { default: "-" } }, content: "list_item+", group: "block",
      parseDOM: [{ tag: "ul" }], toDOM: () => ["ul", 0]
    },
    ordered_list: {
      attrs: { order: { default: 1 }, tight: { default: true }, delimiter: { default: "." } }, content: "list_item+", group: "block",
      parseDOM: [{ tag: "ol", getAttrs: dom => ({ order: dom.hasAttribute("start") ? +dom.getAttribute("start") || 1 : 1 }) }],
      toDOM: node => ["ol", node.attrs.order === 1 ? {} : { start: node.attrs.order }, 0]
    },
    list_item: { content: "paragraph block*", defining: true, parseDOM: [{ tag: "li" }], toDOM: () => ["li", 0] },
    ...tableNodes({ tableGroup: "block", cellContent: "inline*", cellAttributes }),
    text: { group: "inline" },
    image: {
      inline: true, group: "inline", draggable: true,
      attrs: { src: {}, alt: { default: "" }, title: { default: null } },
      parseDOM: [{ tag: "img[src]", getAttrs: dom => ({ src: dom.getAttribute("src"), alt: dom.getAttribute("alt") || "", title: dom.getAttribute("title") }) }],
      toDOM: node => ["img", { src: node.attrs.src, alt: node.attrs.alt, title: node.attrs.title }]
    },
    hard_break: { inline: true, group: "inline", selectable: false, parseDOM: [{ tag: "br" }], toDOM: () => ["br"] }
  },
  marks: {
    em: { parseDOM: [{ tag: "i" }, { tag: "em" }, { style: "font-style=italic" }], toDOM: () => ["em", 0] },
    strong: {
      parseDOM: [
        { tag: "strong" },
        // Word and Google Docs wrap whole paragraphs in <b style="font-weight:normal">: not bold
        { tag: "b", getAttrs: dom => dom.style.fontWeight !== "normal" && null },
        { style: "font-weight", getAttrs: value => /^(bold(er)?|[6-9]\d\d)$/.test(value) && null }
      ],
      toDOM: () => ["strong", 0]
    },
    link: {
      attrs: { href: {}, title: { default: null } }, inclusive: false,
      parseDOM: [{ tag: "a[href]", getAttrs: dom => safeHref(dom.getAttribute("href")) ? { href: dom.getAttribute("href"), title: dom.getAttribute("title") } : false }],
      toDOM: node => ["a", { href: node.attrs.href, title: node.attrs.title, rel: "noopener noreferrer" }, 0]
    },
    code: { parseDOM: [{ tag: "code" }], toDOM: () => ["code", 0] }
  }
});

// Only addresses a reader can follow safely become links; anything else (javascript:, data:) stays text.
export function safeHref(href) {
  return typeof href === "string" && /^(https?:|mailto:|tel:|\/|#)/i.test(href.trim());
}

const markdownIt = MarkdownIt("commonmark", { html: false }).enable("table").use(cjkFriendly);

function listIsTight(tokens, i) {
  while (++i < tokens.length) if (tokens[i].type !== "list_item_open") return tokens[i].hidden;
  return false;
}
const alignOf = tok => (/text-align:\s*(left|center|right)/.exec(tok.attrGet("style") || "") || [])[1] || null;

export const parser = new MarkdownParser(schema, markdownIt, {
  blockquote: { block: "blockquote" },
  paragraph: { block: "paragraph" },
  list_item: { block: "list_item" },
  bullet_list: { block: "bullet_list", getAttrs: (tok, tokens, i) => ({ tight: listIsTight(tokens, i), bullet: tok.markup || "-" }) },
  ordered_list: {
    block: "ordered_list",
    getAttrs: (tok, tokens, i) => ({ order: +tok.attrGet("start") || 1, tight: listIsTight(tokens, i), delimiter: tok.markup || "." })
  },
  heading: { block: "heading", getAttrs: tok => ({ level: +tok.tag.slice(1) }) },
  code_block: { block: "code_block", noCloseToken: true },
  fence: { block: "code_block", getAttrs: tok => ({ params: tok.info || "" }), noCloseToken: true },
  hr: { node: "horizontal_rule", getAttrs: tok => ({ markup: tok.markup }) },
  image: { node: "image", getAttrs: tok => ({ src: tok.attrGet("src"), title: tok.attrGet("title") || null, alt: (tok.children[0] && tok.children[0].content) || "" }) },
  hardbreak: { node: "hard_break" },
  table: { block: "table" },
  // markdown-it wraps rows in thead/tbody, which Markdown does not write: their rows are kept
  thead: { ignore: true },
  tbody: { ignore: true },
  tr: { block: "table_row" },
  th: { block: "table_header", getAttrs: tok => ({ align: alignOf(tok) }) },
  td: { block: "table_cell", getAttrs: tok => ({ align: alignOf(tok) }) },
  em: { mark: "em" },
  strong: { mark: "strong" },
  link: { mark: "link", getAttrs: tok => ({ href: tok.attrGet("href"), title: tok.attrGet("title") || null }) },
  code_inline: { mark: "code", noCloseToken: true }
});
// A single line break inside a paragraph stays a line break (Japanese text has no spaces to join on).
parser.tokenHandlers.softbreak = state => state.addText("\n");

function renderInlineToString(state, node) {
  const start = state.out.length;
  state.renderInline(node);
  const text = state.out.slice(start);
  state.out = state.out.slice(0, start);
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

const delimiterFor = align => align === "center" ? ":---:" : align === "right" ? "---:" : align === "left" ? ":---" : "---";

const nodes = {
  ...defaultMarkdownSerializer.nodes,
  bullet_list(state, node) {
    state.renderList(node, "  ", () => node.attrs.bullet + " ");
  },
  ordered_list(state, node) {
    const start = node.attrs.order;
    const width = String(start + node.childCount - 1).length;
    state.renderList(node, " ".repeat(width + 2), i => {
      const number = String(start + i);
      return " ".repeat(width - number.length) + number + node.attrs.delimiter + " ";
    });
  },
  table(state, node) {
    state.flushClose(); // the blank line after the previous block, before cells are rendered aside
    node.forEach((row, _, rowIndex) => {
      const cells = [];
      row.forEach(cell => cells.push(renderInlineToString(state, cell)));
      if (rowIndex > 0) state.ensureNewLine();
      state.write("| " + cells.map(c => c || " ").join(" | ") + " |");
      if (rowIndex === 0) {
        const rule = [];
        row.forEach(cell => rule.push(delimiterFor(cell.attrs.align)));
        state.ensureNewLine();
        state.write("| " + rule.join(" | ") + " |");
      }
    });
    state.closeBlock(node);
  },
  table_row() {}, table_header() {}, table_cell() {}
};

export const serializer = new MarkdownSerializer(nodes, defaultMarkdownSerializer.marks);

export function toMarkdown(doc) {
  return serializer.serialize(doc, { tightLists: true });
}

export function fromMarkdown(text) {
  return parser.parse(text);
}

// True when the editor can show this text and give it back unchanged. Anything else (raw HTML,
// constructs the editor does not know) is edited as plain text, so nothing is silently rewritten.
export function roundTrips(text) {
  try {
    return toMarkdown(fromMarkdown(text)) === text.replace(/\s+$/, "");
  } catch (e) {
    return false;
  }
}
