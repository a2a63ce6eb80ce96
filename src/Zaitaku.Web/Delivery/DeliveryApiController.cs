using System.ComponentModel;
using Microsoft.AspNetCore.Cors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.RateLimiting;
using Zaitaku.Core.Publishing;

namespace Zaitaku.Web.Delivery;

/// <summary>
/// The read-only Delivery API at Umbraco's address and in its shape: published content as JSON for
/// other city systems and apps. Drafts only with a preview key (headers Api-Key and Preview: true).
/// Every address answers GET and HEAD (endpoint routing gives GET no HEAD of its own); other methods
/// get a 405 from DeliverySetup.
/// </summary>
[ApiController]
[Route(DeliverySetup.BasePath + "/api/v2/content")]
[ApiExplorerSettings(GroupName = DeliverySetup.ApiGroup)]
[EnableCors(DeliverySetup.CorsPolicy)]
[EnableRateLimiting(DeliverySetup.RateLimitPolicy)]
[OutputCache(PolicyName = DeliverySetup.CachePolicy)]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
public sealed class DeliveryApiController(IPublishedCache cache, DeliveryContent content, DraftSnapshot drafts, PreviewKeys keys)
    : ControllerBase
{
    /// <summary>Content by query: fetch, filter, sort, skip and take, as Umbraco's /content.</summary>
    [HttpGet("")]
    [HttpHead("")]
    [EndpointSummary("公開中のコンテンツを条件で探す")]
    [ProducesResponseType<PagedContent>(StatusCodes.Status200OK, "application/json")]
    public async Task<IActionResult> Query(
        [FromQuery, Description("children:{ID かパス}、descendants:{ID かパス}、ancestors:{ID かパス}")] string? fetch,
        [FromQuery, Description("contentType:column、association:ishikai（ID も可）、name:認知症、updateDate>2025-01-01（> >= < <=）。値の前の ! で否定。くり返すと AND")] string[]? filter,
        [FromQuery, Description("createDate、updateDate、publishDate、name、sortOrder、level に :asc か :desc（例：updateDate:desc）。くり返すと順に並べる")] string[]? sort,
        [FromQuery, Description("読み飛ばす件数（既定 0）")] int? skip,
        [FromQuery, Description("返す件数（既定 10、最大 100）")] int? take,
        [FromQuery, Description(ExpandHelp)] string? expand,
        [FromQuery, Description(FieldsHelp)] string? fields,
        [FromHeader(Name = "Api-Key"), Description(ApiKeyHelp)] string? apiKey,
        [FromHeader(Name = "Preview"), Description(PreviewHelp)] bool? preview)
    {
        var (snapshot, refusal) = await SnapshotAsync(preview, apiKey);
        if (refusal is not null) return refusal;
        var query = DeliveryQuery.Parse(fetch, filter ?? [], sort ?? [], skip, take, snapshot!, content.Schema);
        var (fieldSelection, expandSelection) = Selections(fields, expand, query.Errors);
        if (!query.IsValid) return BadInput(query.Errors);
        var matches = query.Run(snapshot!);
        var items = matches.Skip(query.Skip).Take(query.Take)
            .Select(c => content.Build(c, snapshot!, fieldSelection!, expandSelection!)).ToList();
        return Json(new PagedContent(matches.Count, items));
    }

    /// <summary>One item by its path (e.g. columns/2024-12-15), as Umbraco's /content/item/{path}.</summary>
    [HttpGet("item/{**path}")]
    [HttpHead("item/{**path}")]
    [EndpointSummary("パスで1件を読む")]
    [ProducesResponseType<ApiContent>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public Task<IActionResult> ItemByPath([Description("サイト内のパス（例：columns/2024-12-15）。空ならホーム")] string? path,
        [FromQuery, Description(ExpandHelp)] string? expand, [FromQuery, Description(FieldsHelp)] string? fields,
        [FromHeader(Name = "Api-Key"), Description(ApiKeyHelp)] string? apiKey, [FromHeader(Name = "Preview"), Description(PreviewHelp)] bool? preview) =>
        ItemAsync(path ?? "", expand, fields, apiKey, preview);

    /// <summary>One item by its id (key).</summary>
    [HttpGet("item/{id:guid}")]
    [HttpHead("item/{id:guid}")]
    [EndpointSummary("ID で1件を読む")]
    [ProducesResponseType<ApiContent>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public Task<IActionResult> ItemById([Description("コンテンツの ID")] Guid id,
        [FromQuery, Description(ExpandHelp)] string? expand, [FromQuery, Description(FieldsHelp)] string? fields,
        [FromHeader(Name = "Api-Key"), Description(ApiKeyHelp)] string? apiKey, [FromHeader(Name = "Preview"), Description(PreviewHelp)] bool? preview) =>
        ItemAsync(id.ToString(), expand, fields, apiKey, preview);

    /// <summary>Several items by id; ids that are not published are left out (as Umbraco).</summary>
    [HttpGet("items")]
    [HttpHead("items")]
    [EndpointSummary("ID で何件かを読む")]
    [ProducesResponseType<IReadOnlyList<ApiContent>>(StatusCodes.Status200OK, "application/json")]
    public async Task<IActionResult> Items([FromQuery, Description("コンテンツの ID（くり返して最大 100 件）")] Guid[]? id,
        [FromQuery, Description(ExpandHelp)] string? expand, [FromQuery, Description(FieldsHelp)] string? fields,
        [FromHeader(Name = "Api-Key"), Description(ApiKeyHelp)] string? apiKey, [FromHeader(Name = "Preview"), Description(PreviewHelp)] bool? preview)
    {
        var (snapshot, refusal) = await SnapshotAsync(preview, apiKey);
        if (refusal is not null) return refusal;
        var errors = new Dictionary<string, List<string>>();
        if (id is { Length: > DeliveryQuery.MaxTake }) errors["id"] = [$"id は一度に{DeliveryQuery.MaxTake}件までです。"];
        var (fieldSelection, expandSelection) = Selections(fields, expand, errors);
        if (errors.Count > 0) return BadInput(errors);
        return Json((id ?? []).Distinct().Select(snapshot!.GetByKey).OfType<PublishedContent>()
            .Select(c => content.Build(c, snapshot, fieldSelection!, expandSelection!)).ToList());
    }

    private const string ExpandHelp = "properties[$all] か properties[association,...]：コンテンツピッカーの先をプロパティごと返す";
    private const string FieldsHelp = "properties[$all] か properties[theme,body]：返すプロパティ";
    private const string ApiKeyHelp = "プレビュー用 API キー（管理者がバックオフィスの「API キー」で発行）";
    private const string PreviewHelp = "true で下書きを返す（有効な API キーが必要）";

    private async Task<IActionResult> ItemAsync(string idOrPath, string? expand, string? fields, string? apiKey, bool? preview)
    {
        var (snapshot, refusal) = await SnapshotAsync(preview, apiKey);
        if (refusal is not null) return refusal;
        var errors = new Dictionary<string, List<string>>();
        var (fieldSelection, expandSelection) = Selections(fields, expand, errors);
        if (errors.Count > 0) return BadInput(errors);
        if (DeliveryQuery.Find(snapshot!, idOrPath) is not { } node)
            return Refuse(StatusCodes.Status404NotFound, "コンテンツが見つかりません。",
                "この ID かパスにあたる公開中のコンテンツはありません。パスはサイトの URL と同じです（例：columns/2024-12-15）。");
        return Json(content.Build(node, snapshot!, fieldSelection!, expandSelection!));
    }

    private (PropertySelection? Fields, PropertySelection? Expand) Selections(string? fields, string? expand, Dictionary<string, List<string>> errors)
    {
        var fieldSelection = PropertySelection.All;
        var expandSelection = PropertySelection.None;
        if (!string.IsNullOrWhiteSpace(fields))
        {
            fieldSelection = PropertySelection.Parse("fields", fields, content.PropertyAliases, out var error)!;
            if (error is not null) errors["fields"] = [error];
        }
        if (!string.IsNullOrWhiteSpace(expand))
        {
            expandSelection = PropertySelection.Parse("expand", expand, content.PickerAliases, out var error)!;
            if (error is not null) errors["expand"] = [error];
        }
        return (fieldSelection, expandSelection);
    }

    /// <summary>
    /// The published snapshot, or with Preview: true and a valid key the drafts. A preview without a
    /// valid key is refused rather than quietly answered with published content, so a client with a
    /// revoked key finds out.
    /// </summary>
    private async Task<(PublishedSnapshot? Snapshot, IActionResult? Refusal)> SnapshotAsync(bool? preview, string? apiKey)
    {
        if (preview != true) return (cache.Current, null);
        Response.Headers.CacheControl = "no-store";
        if (!await keys.IsValidAsync(apiKey, HttpContext.RequestAborted))
            return (null, Refuse(StatusCodes.Status401Unauthorized, "プレビューには有効な API キーが必要です。",
                "下書きを読むには、管理者がバックオフィスの「API キー」で発行したキーを Api-Key ヘッダーで送ってください。取り消されたキーは使えません。"));
        return (await drafts.LoadAsync(HttpContext.RequestAborted), null);
    }

    private JsonResult Json(object value) => new(value, DeliveryJson.Options);

    private ObjectResult BadInput(Dictionary<string, List<string>> errors) =>
        Refuse(StatusCodes.Status400BadRequest, "リクエストの指定に誤りがあります。",
            string.Join(" ", errors.SelectMany(e => e.Value)), errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));

    private ObjectResult Refuse(int status, string title, string detail, IDictionary<string, string[]>? errors = null)
    {
        ProblemDetails problem = errors is null ? new ProblemDetails() : new ValidationProblemDetails(errors);
        problem.Status = status;
        problem.Title = title;
        problem.Detail = detail;
        problem.Type = $"https://tools.ietf.org/html/rfc9110#section-{DeliverySetup.Rfc9110Section(status)}";
        return new ObjectResult(problem) { StatusCode = status, ContentTypes = { "application/problem+json" } };
    }
}
