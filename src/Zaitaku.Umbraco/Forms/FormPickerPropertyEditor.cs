using Umbraco.Cms.Core.PropertyEditors;

namespace Zaitaku.Web.Forms;

/// <summary>
/// The form picker on content: the key of one of our forms, shown below the page's body. Umbraco Forms' own picker
/// (UmbracoForms.FormPicker) cannot be installed here, so the property editor is ours under our own alias.
/// </summary>
[DataEditor(Alias, ValueType = ValueTypes.String, ValueEditorIsReusable = true)]
public sealed class FormPickerPropertyEditor(IDataValueEditorFactory dataValueEditorFactory) : DataEditor(dataValueEditorFactory)
{
    public const string Alias = "Zaitaku.FormPicker";
}
