using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Zaitaku.Infrastructure.Accounts;

namespace Zaitaku.Web.Tests.Browser;

/// <summary>An editor the browser tests need, registered directly rather than through the users screen.</summary>
/// <param name="AssociationRoute">The association's page (e.g. /associations/ishikai/) for an association editor.</param>
public sealed record TestEditor(string Email, string Name, string Group, string? AssociationRoute = null);

/// <summary>Signing in to the backoffice in Chromium, and the people to sign in as: one way for every browser test.</summary>
public static class BackofficeSignIn
{
    /// <summary>Signs in through /umbraco/login in a page of its own; a refused sign-in fails with what the page said.</summary>
    public static async Task<IPage> SignInAsync(this BrowserFixture site, string email, string password, int width = 1280)
    {
        var page = await site.NewPageAsync(width);
        await page.GotoAsync("/umbraco/login");
        await page.GetByLabel("メールアドレス").FillAsync(email);
        await page.GetByLabel("パスワード").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "ログインする" }).ClickAsync();
        // A loaded machine can be slow to hash the password; if the login is refused, say why.
        await Task.WhenAny(page.WaitForURLAsync("**/umbraco", new() { Timeout = 60_000 }),
            page.Locator(".error-summary").WaitForAsync(new() { Timeout = 60_000 }));
        Assert.True(page.Url.EndsWith("/umbraco", StringComparison.Ordinal),
            $"{email}: {page.Url} {await page.Locator("main").TextContentAsync()}");
        return page;
    }

    /// <summary>Registers the editors who are not there yet, with the given password.</summary>
    public static async Task EnsureEditorsAsync(this BrowserFixture site, string password, params TestEditor[] editors)
    {
        await using var scope = site.Site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<EditorUser>>();
        var cache = site.Site.Services.GetRequiredService<Zaitaku.Core.Publishing.IPublishedCache>();
        foreach (var editor in editors)
        {
            if (await users.FindByEmailAsync(editor.Email) is not null) continue;
            var association = editor.AssociationRoute is { } route ? cache.Current.GetByRoute(route)!.Key : (Guid?)null;
            var user = new EditorUser { UserName = editor.Email, Email = editor.Email, DisplayName = editor.Name, AssociationKey = association, EmailConfirmed = true };
            Assert.True((await users.CreateAsync(user, password)).Succeeded);
            await users.AddToRoleAsync(user, editor.Group);
        }
    }
}
