using System.Net;
using System.Text.RegularExpressions;

namespace Zaitaku.Web.Tests.Infrastructure;

/// <summary>
/// A seeded site with one signed-in client per user group, created through the backoffice itself:
/// "Administrators" (who installed), "Reviewers", "AssociationEditors" (大和郡山市医師会) and "Anonymous".
/// </summary>
public sealed partial class BackofficeAccounts : IAsyncLifetime
{
    /// <summary>The people's display names, which the backoffice shows instead of their addresses.</summary>
    public const string ReviewerName = "確認担当 花子", EditorName = "医師会 編集担当";

    public SiteFactory Factory { get; } = new();
    public Dictionary<string, BackofficeClient> Clients { get; } = new();

    [GeneratedRegex("<option value=\"([0-9a-f-]{36})\"[^>]*>大和郡山市医師会</option>")]
    private static partial Regex IshikaiOption();

    [GeneratedRegex("<a href=\"/umbraco/content/(\\d+)\">([^<]+)</a>")]
    public static partial Regex TreeLink();

    /// <summary>The edit URL of the node with this name, from the administrator's content tree.</summary>
    public async Task<string> EditUrlAsync(string name)
    {
        var tree = await Clients["Administrators"].Http.GetStringAsync("/umbraco/content");
        return "/umbraco/content/" + TreeLink().Matches(tree).Single(m => m.Groups[2].Value == name).Groups[1].Value;
    }

    /// <summary>Where a redirect leads, as a path (cookie authentication writes absolute URLs).</summary>
    public static string Where(HttpResponseMessage response) =>
        response.Headers.Location is not { } l ? "" : l.IsAbsoluteUri ? l.PathAndQuery : l.OriginalString;

    public async Task InitializeAsync()
    {
        var admin = new BackofficeClient(Factory);
        await admin.InstallAsync("admin@example.jp", "kanrisha no nagai pasuwado");
        await admin.LoginAsync("admin@example.jp", "kanrisha no nagai pasuwado");
        var form = await admin.Http.GetStringAsync("/umbraco/users/create");
        var ishikai = IshikaiOption().Match(form).Groups[1].Value;
        foreach (var (group, email, name, association) in new[]
            { ("Reviewers", "reviewer@example.jp", ReviewerName, ""), ("AssociationEditors", "editor@example.jp", EditorName, ishikai) })
        {
            var created = await admin.PostFormAsync("/umbraco/users/create", "/umbraco/users/create",
                ("DisplayName", name), ("Email", email), ("Group", group), ("AssociationKey", association), ("Password", "hajimete no pasuwado desu"));
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
            var client = new BackofficeClient(Factory);
            Assert.Equal(HttpStatusCode.Redirect, (await client.LoginAsync(email, "hajimete no pasuwado desu")).StatusCode);
            Clients[group] = client;
        }
        Clients["Administrators"] = admin;
        Clients["Anonymous"] = new BackofficeClient(Factory);
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }
}
