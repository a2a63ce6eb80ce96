using Umbraco.Cms.Core.PropertyEditors;

namespace Zaitaku.Web.OpenData;

/// <summary>
/// A table an editor can correct as CSV text (Umbraco's text area is its editor UI), shown to readers as an
/// accessible HTML table and a chart, and offered as open data.
/// </summary>
[DataEditor(Alias, ValueType = ValueTypes.Text, ValueEditorIsReusable = true)]
public sealed class CsvTablePropertyEditor(IDataValueEditorFactory dataValueEditorFactory) : DataEditor(dataValueEditorFactory)
{
    public const string Alias = "Zaitaku.CsvTable";
}
