using Asp.Versioning;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Umbraco.Cms.Api.Management.Controllers;
using Umbraco.Cms.Api.Management.Routing;
using Umbraco.Cms.Web.Common.Authorization;

namespace Zaitaku.Web.Forms.Backoffice;

/// <summary>
/// What the form picker on a page offers (Zaitaku.PropertyEditorUi.FormPicker): the forms' keys and names, nothing
/// of their entries, to anyone who edits content.
/// </summary>
[ApiVersion("1.0")]
[VersionedApiBackOfficeRoute("zaitaku/form-picker")]
[ApiExplorerSettings(GroupName = "Zaitaku Forms")]
[Authorize(Policy = AuthorizationPolicies.SectionAccessContent)]
public sealed class FormPickerApiController(FormCatalog catalog) : ManagementApiControllerBase
{
    public sealed record PickableForm(Guid Key, string Name);

    [HttpGet("")]
    public async Task<IReadOnlyList<PickableForm>> All() =>
        (await catalog.AllAsync()).Where(f => !f.OnEveryPage).OrderBy(f => f.Name, StringComparer.Ordinal).Select(f => new PickableForm(f.Key, f.Name)).ToList();
}
