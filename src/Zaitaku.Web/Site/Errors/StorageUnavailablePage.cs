using Microsoft.AspNetCore.Http.Features;
using Zaitaku.Infrastructure.Data;

namespace Zaitaku.Web.Site;

/// <summary>
/// The page for a request that failed because the database or the disk could not take it: a 503 or
/// 507 that says to try again later, with every field the person had typed shown back to copy.
/// </summary>
public sealed class StorageUnavailablePage : LayoutModel
{
    public required string Heading { get; init; }
    public required string Explanation { get; init; }
    public IReadOnlyList<(string Label, string Value)> Kept { get; init; } = [];
    public bool HadFile { get; init; }

    public static (int Status, string Heading, string Explanation) Describe(StorageFault fault) => fault == StorageFault.DiskFull
        ? (StatusCodes.Status507InsufficientStorage, "保存する場所が足りません",
            "サーバーの保存領域がいっぱいのため、保存できませんでした。途中まで書き込まれたものは残っていません。事務局（システムの担当者）に連絡し、空きができてから、もう一度お試しください。")
        : (StatusCodes.Status503ServiceUnavailable, "ただいま保存や受け付けができません",
            "データベースに一時的につながらないため、保存できませんでした。ページの閲覧はできます。しばらくしてから、もう一度お試しください。");

    /// <summary>
    /// What the failed request posted: the form the action had read, or, when the failure came first
    /// (the sign-in check reads the database too), the body read now. The failure was the storage,
    /// not the form, so reading it is safe; a form that cannot be read is simply not shown.
    /// Tokens, hidden bookkeeping and anything that looks like a password are left out.
    /// </summary>
    /// <param name="labels">The labels the person saw beside the fields (<see cref="FieldLabels"/>); a field
    /// without one is called 「入力欄」, never by its name in the form, which means nothing to a person.</param>
    public static async Task<(IReadOnlyList<(string Label, string Value)> Fields, bool HadFile)> KeptFromAsync(HttpContext context,
        IReadOnlyDictionary<string, string>? labels = null)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.HasFormContentType) return ([], false);
        var form = context.Features.Get<IFormFeature>()?.Form;
        if (form is null)
        {
            try { form = await context.Request.ReadFormAsync(context.RequestAborted); }
            catch (Exception e) when (e is IOException or InvalidDataException or BadHttpRequestException or OperationCanceledException) { return ([], false); }
        }
        var fields = form
            .Where(f => !IsHidden(f.Key))
            .Select(f => (f.Key, Value: string.Join("\n", f.Value.Where(v => !string.IsNullOrWhiteSpace(v)))))
            .Where(f => f.Value.Length > 0)
            .ToList();
        var unnamed = fields.Count(f => labels?.ContainsKey(f.Key) != true);
        var n = 0;
        var kept = fields.Select(f => (Label: labels?.GetValueOrDefault(f.Key) ?? (unnamed > 1 ? $"入力欄{++n}" : "入力欄"), f.Value)).ToList();
        return (kept, form.Files.Count > 0);
    }

    private static bool IsHidden(string name) =>
        name.StartsWith("__", StringComparison.Ordinal)
        || name.Contains("password", StringComparison.OrdinalIgnoreCase)
        || name.Contains("code", StringComparison.OrdinalIgnoreCase) // one-time codes
        || name is "command" or "baseVersionId" or "page" or "Folder" || name == Forms.FormGuard.HoneypotField;
}
