using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace Zaitaku.Web.Backoffice.Access;

/// <summary>
/// What a person asks to do with a node, a media item or a form. Asked of <c>IAuthorizationService</c>
/// with the thing as the resource; <see cref="AssociationScopeHandler"/> answers.
/// </summary>
public static class BackofficeOperations
{
    /// <summary>A node: open, save, send for review, see its versions. A media item: change, move, delete.
    /// A form: read and export its entries.</summary>
    public static readonly OperationAuthorizationRequirement Edit = new() { Name = nameof(Edit) };

    /// <summary>A media item: see it in the library and pick it for a page (shared folders count).</summary>
    public static readonly OperationAuthorizationRequirement Use = new() { Name = nameof(Use) };
}
