using Microsoft.AspNetCore.Mvc;

namespace Zaitaku.Web.Reading;

/// <summary>
/// 「ふりがなをつける」「ふりがなをはずす」 in every page header: a plain GET link that stores the choice
/// in a cookie and returns to the page the reader was on.
/// </summary>
public sealed class FuriganaController : Controller
{
    [HttpGet("/furigana")]
    public IActionResult Set(string? show, string? back)
    {
        if (show == FuriganaPreference.On)
            Response.Cookies.Append(FuriganaPreference.CookieName, FuriganaPreference.On, new CookieOptions
            {
                Path = "/", MaxAge = TimeSpan.FromDays(365), SameSite = SameSiteMode.Lax, HttpOnly = true,
                Secure = Request.IsHttps, IsEssential = true,
            });
        else
            Response.Cookies.Delete(FuriganaPreference.CookieName);
        Response.Headers.CacheControl = "no-store";
        // Only a path on this site: a crafted link must not send the reader elsewhere.
        var target = !string.IsNullOrEmpty(back) && back.Length <= 2000 && Url.IsLocalUrl(back) ? back : "/";
        return new RedirectResult(target, permanent: false) { PreserveMethod = false };
    }
}
