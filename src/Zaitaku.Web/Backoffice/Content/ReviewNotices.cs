using Microsoft.AspNetCore.Identity;
using Zaitaku.Infrastructure.Accounts;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Infrastructure.Mail;

namespace Zaitaku.Web.Backoffice.Content;

/// <summary>
/// The e-mails of the review workflow, queued in the same database as the change they report, so
/// they are sent when the mail server can take them and never lost when it cannot.
/// </summary>
public sealed class ReviewNotices(ZaitakuDbContext db, UserManager<EditorUser> users, TimeProvider clock)
{
    public async Task ReviewRequestedAsync(string pageName, string editUrl, string requestedBy)
    {
        var reviewers = (await users.GetUsersInRoleAsync(UserGroups.Reviewers))
            .Concat(await users.GetUsersInRoleAsync(UserGroups.Administrators))
            .Where(u => u.Email is not null).Select(u => u.Email!).Distinct();
        foreach (var to in reviewers)
            MailOutbox.Queue(db, clock, to, $"確認の依頼：{pageName}",
                $"{requestedBy} さんから、次のページの確認の依頼がありました。\n\n{pageName}\n{editUrl}\n\nバックオフィスで内容を確認し、公開するか、コメントをつけて差し戻してください。\n");
        await db.SaveChangesAsync();
    }

    public async Task ReturnedAsync(string to, string pageName, string editUrl, string reviewer, string comment)
    {
        MailOutbox.Queue(db, clock, to, $"差し戻し：{pageName}",
            $"{reviewer} さんが、確認を依頼したページを差し戻しました。\n\n{pageName}\n{editUrl}\n\nコメント：\n{comment}\n");
        await db.SaveChangesAsync();
    }

    public async Task PublishedAsync(string to, string pageName, string publicUrl)
    {
        MailOutbox.Queue(db, clock, to, $"公開されました：{pageName}",
            $"確認を依頼したページが公開されました。\n\n{pageName}\n{publicUrl}\n");
        await db.SaveChangesAsync();
    }
}
