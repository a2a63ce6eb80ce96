using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Zaitaku.Core.Forms;
using Zaitaku.Core.Publishing;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Infrastructure.Forms;
using Zaitaku.Web.Site;

namespace Zaitaku.Web.Forms;

/// <summary>
/// Residents' side of forms: a form on a page of its own, the submission, and the confirmation page.
/// A problem shows the form again with every answer as it was typed and a message beside each field.
/// </summary>
[Route("forms/{key:guid}")]
public sealed partial class FormsController(
    FormCatalog catalog, FormEntries entries, FormGuard guard, IAntiforgery antiforgery, IPublishedCache cache,
    SitePageFactory pages, TimeProvider clock, ILogger<FormsController> logger, Hosting.PublicUrl site) : Controller
{
    [HttpGet("")]
    public IActionResult Show(Guid key, string? page)
    {
        if (catalog.Find(key) is not { } form) return NotFound();
        return FormPageView(new FormView { Form = form, PageUrl = LocalPath(page) });
    }

    /// <summary>
    /// Japanese typed into a form travels URL-encoded at 9 bytes a character: 1 MB leaves room for
    /// every field filled to its limit. A post up to <see cref="ReadLimit"/> is still read, so that a
    /// larger one is answered with the form and everything typed in it.
    /// </summary>
    public const int SubmissionLimit = 1024 * 1024;

    public const int ReadLimit = 4 * SubmissionLimit;

    [HttpPost("")]
    [RequestSizeLimit(ReadLimit)]
    [FieldLabelsFrom(typeof(FormFieldLabels))]
    public async Task<IActionResult> Submit(Guid key, CancellationToken ct)
    {
        if (catalog.Find(key) is not { } form) return NotFound();
        if (!Request.HasFormContentType) return StatusCode(StatusCodes.Status415UnsupportedMediaType);
        IFormCollection posted;
        try
        {
            posted = await Request.ReadFormAsync(ct);
        }
        catch (Exception e) when (e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } or InvalidDataException)
        {
            guard.TryTake(HttpContext);
            return FormPageView(new FormView
            {
                Form = form,
                Problem = $"送信された内容が多すぎるため、受け付けられませんでした（{ReadLimit / SubmissionLimit}MBを超えています）。"
                    + "ブラウザの「戻る」で入力した画面に戻り、長い欄を短くしてから、もう一度送信してください。",
            }, StatusCodes.Status413PayloadTooLarge);
        }
        var fields = form.GetFields();
        var typed = FormView.ReadTyped(fields, posted);
        var pageUrl = LocalPath(posted["page"]);
        FormView Again(string? problem = null, IReadOnlyList<FieldError>? errors = null) =>
            new() { Form = form, Typed = typed, PageUrl = pageUrl, Problem = problem, Errors = errors ?? [] };

        if (!FormGuard.IsSameOrigin(Request))
            return FormPageView(Again("このフォームは、このサイトのページから送信してください。入力した内容はそのまま残っています。"), StatusCodes.Status403Forbidden);
        // Every submission counts toward the address's allowance, a refused one too: otherwise a
        // script could try answers (or patterns, or sizes) against the form without limit.
        var allowed = guard.TryTake(HttpContext);
        // The page feedback form sits on cached pages and cannot carry a per-visitor token; the Origin check above guards it.
        if (!form.OnEveryPage && !await antiforgery.IsRequestValidAsync(HttpContext))
            return FormPageView(Again("ページを開いてから時間がたったため、送信できませんでした。入力した内容はそのまま残っています。もう一度、送信のボタンを押してください。"),
                StatusCodes.Status400BadRequest);
        if (FormGuard.IsHoneypotFilled(posted))
        {
            // Answered as a success so that the robot learns nothing; nothing is stored or sent.
            logger.LogInformation("Form {Form}: a submission filled the hidden field and was dropped", form.Name);
            return ThanksRedirect(form, EntryStatus.Received, null, pageUrl);
        }

        // The form's deadline, or the event it signs people up for has begun or ended: refused here,
        // whatever the page showed when it was opened.
        if (Site.Events.EventSignUps.Refusal(form, cache.Current, clock.GetUtcNow().UtcDateTime) is { } refusal)
            return FormPageView(Again(refusal), StatusCodes.Status409Conflict);
        if (!allowed)
            return FormPageView(Again("短い時間に送信が続いたため、受け付けを一時止めています。10分ほどたってから、もう一度送信してください。入力した内容はそのまま残っています。"),
                StatusCodes.Status429TooManyRequests);
        if ((Request.ContentLength ?? posted.Sum(p => p.Key.Length + p.Value.Sum(v => v?.Length ?? 0))) > SubmissionLimit)
            return FormPageView(Again($"送信された内容が多すぎます（{SubmissionLimit / 1024 / 1024}MBまで）。長い欄を短くしてから、もう一度送信してください。入力した内容はそのまま残っています。"),
                StatusCodes.Status413PayloadTooLarge);
        var (values, errors) = FormSubmission.Read(fields, typed);
        if (errors.Count > 0) return FormPageView(Again(errors: errors), StatusCodes.Status400BadRequest);

        SubmitOutcome? outcome;
        try
        {
            var ev = Core.Events.EventFacts.ForForm(cache.Current, form.Key);
            outcome = await entries.SubmitAsync(form, values, pageUrl, site.Origin, ct,
                ev is null ? null : Site.Events.EventSignUps.NoticeOf(ev, cache.Current));
        }
        catch (Exception e) when (StorageFaults.Classify(e) is not StorageFault.None and var fault)
        {
            // Nothing was kept (the entry, its place and its mail are one transaction): say so, keep the text.
            logger.LogError(e, "Form {Form}: submission not saved ({Fault})", form.Name, fault);
            Response.Headers.RetryAfter = "30";
            return FormPageView(Again(fault == StorageFault.DiskFull
                    ? "サーバーの保存領域がいっぱいのため、受け付けできませんでした。入力した内容はそのまま残っています。時間をおいて、もう一度送信してください。"
                    : "ただいま受け付けができません（データベースに一時的につながりません）。入力した内容はそのまま残っています。しばらくしてから、もう一度送信してください。"),
                StorageUnavailablePage.Describe(fault).Status);
        }
        if (outcome is null)
            return FormPageView(Again("定員に達したため、申し込みの受け付けを終えました。入力した内容は送信されていません。"), StatusCodes.Status409Conflict);
        logger.LogInformation("Form {Form}: entry {EntryId} received ({Status})", form.Name, outcome.Entry.Id, outcome.Entry.Status);
        // The form says how many places are left; pages with an event form are never cached, so the catalogue is enough.
        if (form.Capacity is not null) await catalog.RefreshAsync(ct, pagesShowIt: false);
        return ThanksRedirect(form, outcome.Entry.Status, outcome.WaitingPosition, pageUrl, outcome.Entry.Receipt);
    }

    [HttpGet("thanks")]
    public IActionResult Thanks(Guid key, string? status, int? n, string? page, string? r)
    {
        if (catalog.Find(key) is not { } form) return NotFound();
        var layout = Layout(LocalPath(page), "送信しました");
        var ev = Core.Events.EventFacts.ForForm(cache.Current, form.Key);
        return View("FormThanks", new FormThanksPage
        {
            SiteName = layout.SiteName, Title = layout.Title, Navigation = layout.Navigation, Breadcrumbs = layout.Breadcrumbs,
            Contact = layout.Contact, Form = form,
            Status = status is "confirmed" or "waiting" ? status : "received",
            WaitingPosition = status == "waiting" && n is > 0 and < 100_000 ? n : null,
            BackUrl = LocalPath(page),
            // Only shapes a receipt number can have: the page repeats nothing else from its address.
            ReceiptNumber = r is { Length: <= 24 } && ReceiptShape().IsMatch(r) ? r : null,
            Event = ev,
            EventContact = ev is null ? null : Site.Events.EventSignUps.ContactOf(ev, cache.Current),
        });
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[0-9]{6}-[0-9]{4,12}$|^[0-9]{1,12}$")]
    private static partial System.Text.RegularExpressions.Regex ReceiptShape();

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

    private ViewResult FormPageView(FormView view, int status = StatusCodes.Status200OK)
    {
        Response.StatusCode = status;
        var layout = Layout(view.PageUrl, view.Form.Name);
        return View("FormPage", new FormPage
        {
            SiteName = layout.SiteName, Title = layout.Title, Navigation = layout.Navigation, Breadcrumbs = layout.Breadcrumbs,
            Contact = layout.Contact, View = view,
        });
    }

    /// <summary>The layout of a form page, with breadcrumbs through the page the form was sent from.</summary>
    private LayoutModel Layout(string? pageUrl, string title)
    {
        var snapshot = cache.Current;
        var plain = pages.CreateForError(snapshot, title);
        var page = pageUrl is null ? null : snapshot.GetByRoute(pageUrl.Trim('/'));
        var crumbs = plain.Breadcrumbs;
        if (page?.Url is not null)
        {
            var trail = page.Ancestors().Reverse().Append(page).Where(c => c.Url is not null)
                .Select(c => new Link(c.Is("home") ? "ホーム" : c.Name, c.Url!)).ToList();
            if (trail.Count == 0 || trail[0].Url != "/") trail.Insert(0, new Link("ホーム", "/"));
            crumbs = [.. trail, new Link(title, "")];
        }
        return new LayoutModel
        {
            SiteName = plain.SiteName, Title = plain.Title, Navigation = plain.Navigation, Breadcrumbs = crumbs,
            Contact = plain.Contact, CurrentUrl = page?.Url, PageFeedback = false,
        };
    }

    /// <summary>A path on this site, or nothing: the page field never sends anyone elsewhere.</summary>
    private static string? LocalPath(string? url) =>
        url is { Length: > 0 and <= 1000 } && url.StartsWith('/') && !url.StartsWith("//") && !url.Contains('\\') && !url.Any(char.IsControl)
            ? url : null;
}
