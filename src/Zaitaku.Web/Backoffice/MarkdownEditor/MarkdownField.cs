namespace Zaitaku.Web.Backoffice.MarkdownEditor;

/// <summary>One Markdown property of the edit form, as the editor partial needs it.</summary>
public sealed record MarkdownField(string Id, string Key, string Alias, string Label, string Value, string? Invalid, string? DescribedBy, bool Required, int NodeId);
