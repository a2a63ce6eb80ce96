using Zaitaku.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Umbraco.Cms.Core.Models.PublishedContent;

namespace Zaitaku.Web.Forms;

/// <summary>
/// The form a page names in its <c>form</c> property (the form picker), for a template to show below the page's body:
/// <c>@await Component.InvokeAsync("PageForm", new { page = Model })</c>. Such a form carries an antiforgery token,
/// which marks the response no-store, so a page with a form is never output-cached (and its places left are current).
/// </summary>
public sealed class PageFormViewComponent(FormCatalog catalog, FormEvents events, SiteClock clock) : ViewComponent
{
    public const string PropertyAlias = "form";

    public async Task<IViewComponentResult> InvokeAsync(IPublishedContent page)
    {
        if (!page.HasProperty(PropertyAlias) || !Guid.TryParse(page.Value<string>(PropertyAlias), out var key)
            || await catalog.FindAsync(key) is not { } form || form.OnEveryPage)
            return Content(string.Empty);
        var ev = events.ForForm(form.Key);
        return View(FormsController.ViewsFolder + "_Form.cshtml", new FormView
        {
            Form = form, PageUrl = page.Url(), Closed = FormEvents.Refusal(form, ev, clock.GetUtcNow().UtcDateTime),
        });
    }
}

/// <summary>
/// 役に立ちましたか: the page feedback form at the foot of every public page,
/// <c>@await Component.InvokeAsync("PageFeedback", new { pageUrl = Model.Url() })</c>. It carries no per-visitor token,
/// so pages stay cacheable; its submissions are checked by origin instead (<see cref="FormGuard"/>).
/// </summary>
public sealed class PageFeedbackViewComponent(FormCatalog catalog) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string? pageUrl)
    {
        if (await catalog.OnEveryPageAsync() is not { } form) return Content(string.Empty);
        return View(FormsController.ViewsFolder + "_PageFeedback.cshtml", new FormView { Form = form, PageUrl = pageUrl });
    }
}
