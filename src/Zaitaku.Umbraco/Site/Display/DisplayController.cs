using Microsoft.AspNetCore.Mvc;

namespace Zaitaku.Web.Site.Display;

/// <summary>
/// The text size and colour links in every page header: a plain GET link (works without JavaScript)
/// that stores the choice and returns to the page the reader was on.
/// </summary>
public sealed class DisplayController : Controller
{
    [HttpGet("/display")]
    public IActionResult Set(string? size, string? colours, string? back)
    {
        var current = DisplayPreferences.From(Request);
        var chosen = DisplayPreferences.Parse((size ?? current.Size) + "." + (colours ?? current.Colours));
        if (chosen.IsDefault)
            Response.Cookies.Delete(DisplayPreferences.CookieName);
        else
            Response.Cookies.Append(DisplayPreferences.CookieName, chosen.CookieValue, new CookieOptions
            {
                Path = "/", MaxAge = TimeSpan.FromDays(365), SameSite = SameSiteMode.Lax, HttpOnly = true,
                Secure = Request.IsHttps, IsEssential = true,
            });
        Response.Headers.CacheControl = "no-store";
        // Only a path on this site: a crafted link must not send the reader elsewhere.
        var target = !string.IsNullOrEmpty(back) && back.Length <= 2000 && Url.IsLocalUrl(back) ? back : "/";
        return new RedirectResult(target, permanent: false) { PreserveMethod = false };
    }
}
