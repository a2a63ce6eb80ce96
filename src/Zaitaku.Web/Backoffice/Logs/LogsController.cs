using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Zaitaku.Web.Backoffice.Accounts;
using Zaitaku.Web.Operations.Logs;

namespace Zaitaku.Web.Backoffice.Logs;

/// <summary>
/// The log viewer (Umbraco has one): administrators search the structured log by level, time, text,
/// request and user, and follow one request's lines. The log holds addresses and staff names, so
/// it is for administrators only.
/// </summary>
[Route("umbraco/logs")]
[Authorize(Policy = BackofficeSetup.AdministratorsPolicy)]
public sealed class LogsController(LogReader reader) : BackofficeController
{
    public sealed record LogViewerModel(LogQuery Query, LogPage Page, bool HasFiles);

    [HttpGet("")]
    public IActionResult LogViewer([FromQuery] LogQuery query, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            // A hand-made or half-typed address: say which condition was dropped, and show the rest.
            var bad = ModelState.Where(e => e.Value?.Errors.Count > 0).Select(e => e.Key.ToLowerInvariant()).ToHashSet();
            ModelState.Clear();
            ModelState.AddModelError("", "条件の一部（" + string.Join("、", bad.Select(Label)) + "）が正しくないため、その条件を外して表示しています。");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            if (bad.Contains("level")) query.Level = null;
            if (bad.Contains("from")) query.From = null;
            if (bad.Contains("to")) query.To = null;
            if (bad.Contains("page")) query.Page = 1;
        }
        if (query.From is { } from && query.To is { } to && to < from)
        {
            ModelState.AddModelError("", "「いつまで」は「いつから」より後の日時にしてください。期間を外して表示しています。");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            query.From = query.To = null;
        }
        query.Page = Math.Clamp(query.Page, 1, 10_000);
        return View("/Backoffice/Logs/LogViewer.cshtml", new LogViewerModel(query, reader.Read(query, ct), reader.Files().Count > 0));
    }

    private static string Label(string key) => key switch
    {
        "level" => "レベル",
        "from" => "いつから",
        "to" => "いつまで",
        "page" => "ページ",
        _ => key,
    };
}
