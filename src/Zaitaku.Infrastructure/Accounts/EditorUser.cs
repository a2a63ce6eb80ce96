using Microsoft.AspNetCore.Identity;

namespace Zaitaku.Infrastructure.Accounts;

/// <summary>A backoffice account: the secretariat, a reviewer, or an association's editor.</summary>
public class EditorUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>
    /// For an association editor, the key of their association's node: Umbraco's start node. The
    /// server limits every read and write of such an editor to content that belongs to it.
    /// </summary>
    public Guid? AssociationKey { get; set; }

    public DateTime CreatedUtc { get; set; }

    /// <summary>
    /// The 30-second time step of the last authenticator code accepted for this account. A code is
    /// good once (OWASP ASVS 6.5.1): one for this step or an earlier one is refused, on every
    /// instance and after a restart, since it is kept here rather than in memory.
    /// </summary>
    public long? LastTotpTimeStep { get; set; }
}

/// <summary>Umbraco's user groups, as this site needs them.</summary>
public static class UserGroups
{
    /// <summary>事務局: everything, including users and the audit trail.</summary>
    public const string Administrators = "Administrators";
    /// <summary>Approve, schedule, publish, and edit any content.</summary>
    public const string Reviewers = "Reviewers";
    /// <summary>Write their own association's columns and send them for review; never publish.</summary>
    public const string AssociationEditors = "AssociationEditors";

    public static readonly string[] All = [Administrators, Reviewers, AssociationEditors];

    public static string DisplayName(string group) => group switch
    {
        Administrators => "管理者（事務局）",
        Reviewers => "確認者",
        AssociationEditors => "職能団体の編集者",
        _ => group,
    };
}
