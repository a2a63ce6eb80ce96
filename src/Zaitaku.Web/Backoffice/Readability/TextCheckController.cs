using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Zaitaku.Core.Readability;
using Zaitaku.Web.Backoffice.Accounts;
using Zaitaku.Web.Site.Reading;

namespace Zaitaku.Web.Backoffice.Readability;

/// <summary>
/// The text checker in the backoffice: the list beside the Markdown editor, updated as the editor types,
/// and the administrators' report over the whole published site.
/// </summary>
public sealed class TextCheckController(TextChecker checker, SiteTextReport report) : BackofficeController
{
    /// <summary>The list of problems for the text being typed (the live check beside the editor).</summary>
    [HttpPost("umbraco/content/check-text")]
    [RequestSizeLimit(512 * 1024)]
    public IActionResult CheckText([FromForm(Name = "markdown")] string? text, [FromForm(Name = "label")] string? label)
    {
        if (text is { Length: > 200_000 })
            return BadRequest("本文が長すぎるため、チェックできません（20万文字まで）。");
        return PartialView("~/Backoffice/Readability/_TextCheckList.cshtml",
            new TextCheckListModel(string.IsNullOrWhiteSpace(label) ? "本文" : label.Trim(), checker.Check(text ?? ""), Live: true));
    }

    [HttpGet("umbraco/text-check")]
    [Authorize(Policy = BackofficeSetup.AdministratorsPolicy)]
    public IActionResult Report() => View("~/Backoffice/Readability/TextCheckReport.cshtml", report.Current());

    /// <summary>Checks every published page again now (on demand).</summary>
    [HttpPost("umbraco/text-check")]
    [Authorize(Policy = BackofficeSetup.AdministratorsPolicy)]
    public IActionResult RunReport()
    {
        report.Current(fresh: true);
        TempData["Message"] = "公開中のすべてのページをチェックしました。";
        return RedirectToAction(nameof(Report));
    }
}

/// <param name="Live">True for the list the script puts beside the editor (no heading of its own).</param>
public sealed record TextCheckListModel(string Label, TextCheckResult Result, bool Live = false);
