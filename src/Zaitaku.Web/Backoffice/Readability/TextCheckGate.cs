using Microsoft.AspNetCore.Mvc.ModelBinding;
using Zaitaku.Core.ContentTypes;
using Zaitaku.Core.Readability;
using Zaitaku.Web.Backoffice.Audit;

namespace Zaitaku.Web.Backoffice.Readability;

/// <summary>
/// Holds publishing back while the text checker finds errors in a page's Markdown, unless the reviewer
/// who publishes writes why it must go out as it is; that reason goes into the audit trail. Warnings
/// never hold anything back.
/// </summary>
public sealed class TextCheckGate(TextChecker checker, AuditTrail audit)
{
    public const string OverrideField = "checkOverride";

    /// <summary>Each Markdown property of the type, with what the checker finds in it.</summary>
    public IReadOnlyList<(PropertyType Property, TextCheckResult Result)> Check(DocumentType type, IReadOnlyDictionary<string, string> values) =>
        type.Properties.Where(p => p.EditorAlias == PropertyEditors.Markdown)
            .Select(p => (p, checker.Check(values.GetValueOrDefault(p.Alias))))
            .ToList();

    /// <summary>
    /// Whether publishing may go ahead. False adds the reason to <paramref name="modelState"/>: the caller
    /// answers 400 with the form and everything typed.
    /// </summary>
    public async Task<bool> AllowPublishAsync(DocumentType type, IReadOnlyDictionary<string, string> values, string? overrideReason,
        ModelStateDictionary modelState, string target, string field = OverrideField)
    {
        var errors = Check(type, values).SelectMany(c => c.Result.Errors.Select(e => (c.Property, Error: e))).ToList();
        if (errors.Count == 0) return true;
        var reason = overrideReason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            modelState.AddModelError(field,
                $"文章チェックで直す必要のある問題が {errors.Count} 件あります（{string.Join("、", errors.Take(3).Select(e => $"{e.Property.Name}の{e.Error.Place}"))}{(errors.Count > 3 ? " ほか" : "")}）。直してから公開するか、このまま公開する理由を書いてください。");
            return false;
        }
        if (reason.Length > 1000)
        {
            modelState.AddModelError(field, "このまま公開する理由は1000文字以内にしてください。");
            return false;
        }
        await audit.RecordAsync("content.check-override", target,
            $"{reason}（{string.Join("、", errors.Select(e => $"{e.Property.Name} {e.Error.Place}：{e.Error.Rule}"))}）");
        return true;
    }
}
