using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Configuration.Models;
using Umbraco.Cms.Core.Events;
using Umbraco.Cms.Core.Models.Membership;
using Umbraco.Cms.Core.Notifications;
using Umbraco.Cms.Core.Services;

namespace Zaitaku.Web.Backoffice;

/// <summary>
/// Gives backoffice users the site's UI language (<see cref="GlobalSettings.DefaultUILanguage"/>, ja-JP here).
/// <list type="bullet">
/// <item>Umbraco seeds its first administrator with a fixed <c>en-US</c> (DatabaseDataCreator), whatever
/// DefaultUILanguage says; after an unattended install that administrator is switched to DefaultUILanguage, once.</item>
/// <item>Umbraco's five default user groups are seeded with English names and descriptions (data, not texts the
/// localization can reach); after an unattended install they get Japanese ones. Their aliases stay Umbraco's.</item>
/// <item>The log viewer's saved searches Umbraco seeds are named in English (data too); they get Japanese names, with
/// the same queries.</item>
/// <item>A user saved without a language (an import, an external login) gets DefaultUILanguage; a language a user chose
/// in their profile is never touched.</item>
/// </list>
/// </summary>
public sealed class JapaneseBackofficeHandler(
    IUserService users,
    IUserGroupService userGroups,
    ILogViewerService logViewer,
    IOptions<GlobalSettings> globalSettings,
    ILogger<JapaneseBackofficeHandler> logger)
    : INotificationAsyncHandler<UnattendedInstallNotification>, INotificationHandler<UserSavingNotification>
{
    private string DefaultLanguage => globalSettings.Value.DefaultUILanguage;

    public async Task HandleAsync(UnattendedInstallNotification notification, CancellationToken cancellationToken)
    {
        await NameDefaultGroupsInJapaneseAsync();
        await NameSavedLogSearchesInJapaneseAsync();
        if (string.IsNullOrWhiteSpace(DefaultLanguage)) return;
        var admin = await users.GetAsync(Constants.Security.SuperUserKey);
        if (admin is null || string.Equals(admin.Language, DefaultLanguage, StringComparison.OrdinalIgnoreCase)) return;
        logger.LogInformation("Unattended install: the first administrator's backoffice language {From} becomes {To}", admin.Language, DefaultLanguage);
        admin.Language = DefaultLanguage;
        users.Save(admin);
    }

    /// <summary>
    /// Japanese names for the groups Umbraco seeds (alias → name, description), as the secretariat reads them. The aliases
    /// are Umbraco's (DatabaseDataCreator; only the administrators' is public, as Constants.Security.AdminGroupAlias).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, (string Name, string Description)> DefaultGroups = new Dictionary<string, (string, string)>
    {
        [Constants.Security.AdminGroupAlias] = ("管理者", "すべてのセクションと機能を使えるユーザー"),
        ["editor"] = ("編集者", "コンテンツを作成・更新し、公開できるユーザー"),
        ["writer"] = ("執筆者", "コンテンツを作成・更新できるが、公開はできないユーザー"),
        ["translator"] = ("翻訳者", "ディクショナリの項目を管理できるユーザー"),
        ["sensitiveData"] = ("機密データ", "機密と印を付けたプロパティを見て扱えるユーザー"),
    };

    /// <summary>Japanese names for the saved log searches Umbraco seeds, by their query (Serilog expressions).</summary>
    public static readonly IReadOnlyDictionary<string, string> SavedLogSearches = new Dictionary<string, string>
    {
        ["Not(@Level='Verbose') and Not(@Level='Debug')"] = "詳細・デバッグを除くすべてのログ",
        ["Has(@Exception)"] = "例外の記録があるログ（警告・エラー・致命的）",
        ["Has(Duration)"] = "所要時間（「Duration」）の記録があるログ",
        ["Has(Duration) and Duration > 1000"] = "所要時間が 1000 ミリ秒を超えるログ",
        ["StartsWith(SourceContext, 'Umbraco.Cms')"] = "名前空間が「Umbraco.Cms」で始まるログ",
        ["@MessageTemplate = '[Timing {TimingId}] {EndMessage} ({TimingDuration}ms)'"] = "処理時間の計測のメッセージのログ",
        ["SortedComponentTypes[?] = 'Umbraco.Web.Search.ExamineComponent'"] = "コンポーネント一覧に「ExamineComponent」があるログ",
        ["Contains(SortedComponentTypes[?], 'DatabaseServer')"] = "コンポーネント一覧に「DatabaseServer」を含むものがあるログ",
        ["@Message like '%localhost%'"] = "メッセージに「localhost」を含むログ",
        ["@Message like 'end%'"] = "メッセージが「end」で始まるログ",
    };

    private async Task NameSavedLogSearchesInJapaneseAsync()
    {
        var saved = await logViewer.GetSavedLogQueriesAsync(0, 1000);
        foreach (var search in saved.Items)
        {
            if (search.Query is null || !SavedLogSearches.TryGetValue(search.Query, out var name) || search.Name == name) continue;
            await logViewer.DeleteSavedLogQueryAsync(search.Name);
            await logViewer.AddSavedLogQueryAsync(name, search.Query);
        }
    }

    private async Task NameDefaultGroupsInJapaneseAsync()
    {
        foreach (var (alias, (name, description)) in DefaultGroups)
        {
            var group = await userGroups.GetAsync(alias);
            if (group is null || group.Name == name) continue;
            group.Name = name;
            group.Description = description;
            var result = await userGroups.UpdateAsync(group, Constants.Security.SuperUserKey);
            if (!result.Success) logger.LogWarning("User group {Alias} keeps its name: {Status}", alias, result.Status);
        }
    }

    public void Handle(UserSavingNotification notification)
    {
        if (string.IsNullOrWhiteSpace(DefaultLanguage)) return;
        foreach (IUser user in notification.SavedEntities)
        {
            if (string.IsNullOrWhiteSpace(user.Language)) user.Language = DefaultLanguage;
        }
    }
}
