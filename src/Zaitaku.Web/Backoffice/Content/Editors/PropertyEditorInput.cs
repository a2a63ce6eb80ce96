using Zaitaku.Core.ContentTypes;

namespace Zaitaku.Web.Backoffice.Content.Editors;

/// <summary>
/// What each property editor's partial gets: the property, the name and id its input carries
/// (Values[alias]), the value as typed or stored, and how the input points at its hint and error.
/// </summary>
public sealed record PropertyEditorInput(
    PropertyType Property, string Id, string Key, string Value, string? Invalid, string? DescribedBy,
    ContentController.EditModel Page);

/// <summary>One partial per property editor (Umbraco's editor aliases), beside this file.</summary>
public static class PropertyEditorViews
{
    public static string For(string editorAlias) => "~/Backoffice/Content/Editors/" + (editorAlias switch
    {
        Core.ContentTypes.PropertyEditors.TrueFalse => "_TrueFalse",
        Core.ContentTypes.PropertyEditors.Markdown => "_Markdown",
        Core.ContentTypes.PropertyEditors.TextArea or Core.ContentTypes.PropertyEditors.CsvTable => "_TextArea",
        Core.ContentTypes.PropertyEditors.DateTime => "_DateTime",
        Core.ContentTypes.PropertyEditors.Integer => "_Integer",
        Core.ContentTypes.PropertyEditors.DropDown => "_DropDown",
        Core.ContentTypes.PropertyEditors.ContentPicker => "_ContentPicker",
        Core.ContentTypes.PropertyEditors.FormPicker => "_FormPicker",
        Core.ContentTypes.PropertyEditors.MediaPicker => "_MediaPicker",
        _ => "_TextBox",
    }) + ".cshtml";
}
