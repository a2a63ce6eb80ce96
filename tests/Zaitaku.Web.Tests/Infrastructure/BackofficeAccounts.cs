using System.Net;
using System.Text.RegularExpressions;

namespace Zaitaku.Web.Tests.Infrastructure;

/// <summary>
/// A seeded site with one signed-in client per user group, created through the backoffice itself:
/// "Administrators" (who installed), "Reviewers", "AssociationEditors" (大和郡山市医師会) and "Anonymous".
/// </summary>
public sealed partial class BackofficeAccounts : IAsyncLifetime
{
    public SiteFactory Factory { get; } = new();
    public Dictionary<string, BackofficeClient> Clients { get; } = new();

    [GeneratedRegex("<option value=\"([0-9a-f-]{36})\"[^>]*>大和郡山市医師会</option>")]
    private static partial Regex IshikaiOption();

    public async Task InitializeAsync()
    {
        var admin = new BackofficeClient(Factory);
        await admin.InstallAsync("admin@example.jp", "kanrisha no nagai pasuwado");
        await admin.LoginAsync("admin@example.jp", "kanrisha no nagai pasuwado");
        var form = await admin.Http.GetStringAsync("/umbraco/users/create");
        var ishikai = IshikaiOption().Match(form).Groups[1].Value;
        foreach (var (group, email, association) in new[] { ("Reviewers", "reviewer@example.jp", ""), ("AssociationEditors", "editor@example.jp", ishikai) })
        {
            var created = await admin.PostFormAsync("/umbraco/users/create", "/umbraco/users/create",
                ("DisplayName", email), ("Email", email), ("Group", group), ("AssociationKey", association), ("Password", "hajimete no pasuwado desu"));
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
