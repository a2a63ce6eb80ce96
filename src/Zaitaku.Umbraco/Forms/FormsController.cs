using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Umbraco.Cms.Core.Models.PublishedContent;
using Umbraco.Cms.Core.PublishedCache;
using Umbraco.Cms.Core.Services;
using Zaitaku.Core.Forms;
using Zaitaku.Infrastructure.Forms;
using Zaitaku.Web.Hosting;
using Zaitaku.Web.Site;

namespace Zaitaku.Web.Forms;

/// <summary>
/// Residents' side of forms: a form on a page of its own, the submission, and the confirmation page. A problem shows
/// the form again with every answer as it was typed and a message beside each field; a post of any size is read to
/// its end, so even one far too large is answered with the form and what was typed in it (413).
/// </summary>
[Route("forms/{key:guid}")]
public sealed partial class FormsController(
    FormCatalog catalog, FormEntries entries, FormEvents events, FormGuard guard, IAntiforgery antiforgery,
    IDocumentUrlService documentUrls, IPublishedContentCache contentCache, SitePages sitePages, PublicUrl site, SiteClock clock,
    ILogger<FormsController> logger) : Controller
{
    /// <summary>
    /// Japanese typed into a form travels URL-encoded at 9 bytes a character: 1 MB leaves room for every field
    /// filled to its limit. A larger post is still read to its end and answered with the form (413).
    /// </summary>
    public const int SubmissionLimit = 1024 * 1024;

    public const string ViewsFolder = "~/Forms/Views/";

    [HttpGet("")]
    public async Task<IActionResult> Show(Guid key, string? page)
    {
        if (await catalog.FindAsync(key) is not { } form) return NotFound();
        return FormPage(new FormView { Form = form, PageUrl = LocalPath(page), Closed = ClosedReason(form), HeadingLevel = 1 });
    }

    /// <remarks>The body was read to its end before routing (<see cref="PostedFormMiddleware"/>): every size arrives here.</remarks>
    [HttpPost("")]
    public async Task<IActionResult> Submit(Guid key, CancellationToken ct)
    {
        if (await catalog.FindAsync(key) is not { } form) return await DrainedAsync(NotFound(), ct);
        if (PostedForm.Of(HttpContext) is not { } posted) return await DrainedAsync(StatusCode(StatusCodes.Status415UnsupportedMediaType), ct);
        if (posted.Unreadable)
            return FormPage(new FormView { Form = form, Problem = "送信された内容を読み取れませんでした。もう一度、このページから送信してください。", HeadingLevel = 1 },
                StatusCodes.Status400BadRequest);
        var fields = form.GetFields();
        var typed = FormView.ReadTyped(fields, posted);
        var pageUrl = LocalPath(posted.First("page"));
        var ev = events.ForForm(form.Key);
        FormView Again(string? problem = null, IReadOnlyList<FieldError>? errors = null) =>
            new() { Form = form, Typed = typed, PageUrl = pageUrl, Problem = problem, Errors = errors ?? [], HeadingLevel = 1 };

        if (!FormGuard.IsSameOrigin(Request, site.Origin))
            return FormPage(Again("このフォームは、このサイトのページから送信してください。入力した内容はそのまま残っています。"), StatusCodes.Status403Forbidden);
        // Every submission counts toward the address's allowance, a refused one too: otherwise a script could try
        // answers (or patterns, or sizes) against the form without limit.
        var allowed = guard.TryTake(HttpContext);
        if (posted.Length > SubmissionLimit)
            return FormPage(Again($"送信された内容が多すぎます（{SubmissionLimit / 1024 / 1024}MBまで）。" +
                (posted.Cut ? "長すぎる欄は途中までを残しています。" : "") +
                "長い欄を短くしてから、もう一度送信してください。入力した内容はそのまま残っています。"), StatusCodes.Status413PayloadTooLarge);
        // The page feedback form sits on cacheable pages and carries no per-visitor token; the Origin check guards it.
        if (!form.OnEveryPage && !await antiforgery.IsRequestValidAsync(HttpContext))
            return FormPage(Again("ページを開いてから時間がたったため、送信できませんでした。入力した内容はそのまま残っています。もう一度、送信のボタンを押してください。"),
                StatusCodes.Status400BadRequest);
        if (FormGuard.IsHoneypotFilled(posted))
        {
            // Answered as a success so that the robot learns nothing; nothing is stored or sent.
            logger.LogInformation("Form {Form}: a submission filled the hidden field and was dropped", form.Name);
            return ThanksRedirect(form, EntryStatus.Received, null, pageUrl);
        }
        // The form's deadline, or the event it signs people up for has begun or ended: refused here, whatever the
        // page showed when it was opened.
        if (FormEvents.Refusal(form, ev, clock.GetUtcNow().UtcDateTime) is { } refusal)
            return FormPage(Again(refusal), StatusCodes.Status409Conflict);
        if (!allowed)
            return FormPage(Again("短い時間に送信が続いたため、受け付けを一時止めています。10分ほどたってから、もう一度送信してください。入力した内容はそのまま残っています。"),
                StatusCodes.Status429TooManyRequests);
        var (values, errors) = FormSubmission.Read(fields, typed);
        if (errors.Count > 0) return FormPage(Again(errors: errors), StatusCodes.Status400BadRequest);

        var outcome = await entries.SubmitAsync(form, values, pageUrl, site.Origin, ev);
        if (outcome is null)
            return FormPage(Again("定員に達したため、申し込みの受け付けを終えました。入力した内容は送信されていません。"), StatusCodes.Status409Conflict);
        logger.LogInformation("Form {Form}: entry {EntryId} received ({Status})", form.Name, outcome.Entry.Id, outcome.Entry.Status);
        return ThanksRedirect(form, outcome.Entry.Status, outcome.WaitingPosition, pageUrl, outcome.Entry.Receipt);
    }

    [HttpGet("thanks")]
    public async Task<IActionResult> Thanks(Guid key, string? status, int? n, string? page, string? r)
    {
        if (await catalog.FindAsync(key) is not { } form) return NotFound();
        var back = LocalPath(page);
        var status_ = status is "confirmed" or "waiting" ? status : "received";
        var layout = Layout(back, status_ switch { "confirmed" => "お申し込みを受け付けました", "waiting" => "キャンセル待ちで受け付けました", _ => "送信しました" });
        return View(ViewsFolder + "FormThanks.cshtml", new FormThanksModel
        {
            SiteName = layout.SiteName, Title = layout.Title, Navigation = layout.Navigation, Breadcrumbs = layout.Breadcrumbs,
            Contact = layout.Contact, CurrentUrl = layout.CurrentUrl, PageFeedback = false,
            Form = form,
            Status = status_,
            WaitingPosition = status == "waiting" && n is > 0 and < 100_000 ? n : null,
            BackUrl = back,
            // Only shapes a receipt number can have: the page repeats nothing else from its address.
            ReceiptNumber = r is { Length: <= 24 } && ReceiptShape().IsMatch(r) ? r : null,
            Event = events.ForForm(form.Key),
        });
    }

    [GeneratedRegex(@"^[0-9]{6}-[0-9]{4,12}$|^[0-9]{1,12}$")]
    private static partial Regex ReceiptShape();

    private string? ClosedReason(FormDefinition form) =>
        FormEvents.Refusal(form, events.ForForm(form.Key), clock.GetUtcNow().UtcDateTime);

    /// <summary>A refusal that comes before the body was read still reads it, so the client receives the answer.</summary>
    private async Task<IActionResult> DrainedAsync(IActionResult result, CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        while (await Request.Body.ReadAsync(buffer, ct) > 0) { }
        return result;
    }

    private StatusCodeResult ThanksRedirect(FormDefinition form, EntryStatus status, int? position, string? pageUrl, string? receipt = null)
    {
        var query = QueryString.Create(new Dictionary<string, string?>
        {
            ["status"] = status switch { EntryStatus.Confirmed => "confirmed", EntryStatus.Waiting => "waiting", _ => "received" },
            ["n"] = position?.ToString(),
            ["page"] = pageUrl,
            ["r"] = receipt,
        }.Where(p => p.Value is not null));
        // 303 See Other: the browser asks for the confirmation with GET, so reloading it never sends the form again.
        Response.Headers.Location = $"/forms/{form.Key}/thanks{query}";
        return StatusCode(StatusCodes.Status303SeeOther);
    }

    private ViewResult FormPage(FormView view, int status = StatusCodes.Status200OK)
    {
        Response.StatusCode = status;
        var layout = Layout(view.PageUrl, view.Form.Name);
        return View(ViewsFolder + "FormPage.cshtml", new FormPageModel
        {
            SiteName = layout.SiteName, Title = layout.Title, Navigation = layout.Navigation, Breadcrumbs = layout.Breadcrumbs,
            Contact = layout.Contact, CurrentUrl = layout.CurrentUrl, PageFeedback = false, View = view,
        });
    }

    /// <summary>The site's layout for a page of ours, with breadcrumbs through the page the form was sent from.</summary>
    private LayoutModel Layout(string? pageUrl, string title)
    {
        var plain = sitePages.CreateForOther(title);
        if (PageAt(pageUrl) is not { } page) return plain;
        var onPage = sitePages.Create(page);
        return new LayoutModel
        {
            SiteName = plain.SiteName, Title = plain.Title, Navigation = plain.Navigation,
            Breadcrumbs = [.. onPage.Breadcrumbs, new Link(title, "")],
            Contact = onPage.Contact, CurrentUrl = onPage.CurrentUrl, PageFeedback = false,
        };
    }

    /// <summary>The published page at a path of this site, for breadcrumbs back to it.</summary>
    private IPublishedContent? PageAt(string? path)
    {
        if (path is null) return null;
        var route = "/" + path.Split('?', '#')[0].Trim('/');
        return documentUrls.GetDocumentKeyByRoute(route == "/" ? "/" : route, null, null, false) is { } pageKey
            ? contentCache.GetById(pageKey)
            : null;
    }

    /// <summary>A path on this site, or nothing: the page field never sends anyone elsewhere.</summary>
    private static string? LocalPath(string? url) =>
        url is { Length: > 0 and <= 1000 } && url.StartsWith('/') && !url.StartsWith("//") && !url.Contains('\\') && !url.Any(char.IsControl)
            ? url : null;
}
