using Zaitaku.Web.Site;

namespace Zaitaku.Web.Forms;

/// <summary>A public form's questions, by the names its fields are posted under (f_{key}), from the catalogue in memory.</summary>
public sealed class FormFieldLabels(FormCatalog catalog) : IFieldLabelSource
{
    public IEnumerable<KeyValuePair<string, string>> LabelsFor(RouteValueDictionary route) =>
        Guid.TryParse(route["key"]?.ToString(), out var key) && catalog.Find(key) is { } form
            ? form.GetFields().Select(f => KeyValuePair.Create(FormView.InputName(f), f.Label))
            : [];
}
