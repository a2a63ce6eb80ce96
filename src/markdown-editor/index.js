// The one file the backoffice loads (wwwroot/lib/prosemirror-markdown/zaitaku-editor.min.js): ProseMirror,
// the site's Markdown schema (markdown.js) and the commands the toolbar needs. The page's own
// code (wwwroot/js/markdown-editor.js) uses them through window.ZaitakuEditor.
import { EditorState, TextSelection } from "prosemirror-state";
import { EditorView } from "prosemirror-view";
import { DOMParser as PMDOMParser, Fragment, Slice } from "prosemirror-model";
import { baseKeymap, toggleMark, setBlockType, wrapIn, chainCommands, exitCode } from "prosemirror-commands";
import { history, undo, redo, undoDepth } from "prosemirror-history";
import { keymap } from "prosemirror-keymap";
import { wrapInList, liftListItem, sinkListItem, splitListItem } from "prosemirror-schema-list";
import { dropCursor } from "prosemirror-dropcursor";
import { gapCursor } from "prosemirror-gapcursor";
import { tableEditing, goToNextCell, addRowAfter, deleteRow, addColumnAfter, deleteColumn, deleteTable, isInTable } from "prosemirror-tables";
import { schema, parser, serializer, toMarkdown, fromMarkdown, roundTrips, safeHref } from "./markdown.js";

window.ZaitakuEditor = {
  EditorState, TextSelection, EditorView, DOMParser: PMDOMParser, Fragment, Slice,
  baseKeymap, toggleMark, setBlockType, wrapIn, chainCommands, exitCode,
  history, undo, redo, undoDepth, keymap,
  wrapInList, liftListItem, sinkListItem, splitListItem,
  dropCursor, gapCursor,
  tableEditing, goToNextCell, addRowAfter, deleteRow, addColumnAfter, deleteColumn, deleteTable, isInTable,
  schema, parser, serializer, toMarkdown, fromMarkdown, roundTrips, safeHref
};
