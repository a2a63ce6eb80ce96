namespace Zaitaku.Core.ContentTypes;

/// <summary>The property editors the engine understands, named as Umbraco names them.</summary>
public static class PropertyEditors
{
    public const string TextBox = "Umbraco.TextBox";
    public const string TextArea = "Umbraco.TextArea";
    public const string Markdown = "Umbraco.MarkdownEditor";
    public const string DateTime = "Umbraco.DateTime";
    public const string MediaPicker = "Umbraco.MediaPicker3";
    public const string ContentPicker = "Umbraco.ContentPicker";
    public const string Integer = "Umbraco.Integer";
    public const string DropDown = "Umbraco.DropDown.Flexible";
    public const string TrueFalse = "Umbraco.TrueFalse";
    public const string Tags = "Umbraco.Tags";
    /// <summary>Ours: a CSV table an editor can correct, shown to readers as an accessible HTML table.</summary>
    public const string CsvTable = "Zaitaku.CsvTable";
    /// <summary>Ours (Umbraco Forms cannot be installed here): the key of a form shown below the page's body.</summary>
    public const string FormPicker = "Zaitaku.FormPicker";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        TextBox, TextArea, Markdown, DateTime, MediaPicker, ContentPicker, Integer, DropDown, TrueFalse, Tags, CsvTable, FormPicker,
    };
}
