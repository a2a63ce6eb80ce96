namespace Zaitaku.Web.Security;

/// <summary>Sign-in hardening of the backoffice, from <c>Zaitaku:Security</c> (appsettings.json).</summary>
public sealed class SecurityOptions
{
    /// <summary>
    /// User group aliases whose members must use two-factor sign-in, comma-separated: Umbraco's administrators
    /// (<c>admin</c>) and the 事務局 reviewers (<c>jimukyoku</c>). A member without it is signed in, but can only set it
    /// up until it is on.
    /// </summary>
    public string TwoFactorRequiredGroups { get; set; } = "admin," + Editors.EditorGroups.SecretariatAlias;

    public IReadOnlySet<string> TwoFactorRequiredGroupAliases =>
        TwoFactorRequiredGroups.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Failures one client address may make (any account, unknown ones too) before each try must wait longer.</summary>
    public int FreeFailuresPerAddress { get; set; } = 3;

    /// <summary>Failures within the window after which an address may not try again until its oldest failure expires.</summary>
    public int FailuresPerAddress { get; set; } = 10;

    /// <summary>Failures on one account name (from any address) before each further try on it must wait longer.</summary>
    public int FreeFailuresPerAccount { get; set; } = 5;

    /// <summary>How long failures count: the lockout time (Umbraco:CMS:Security:UserDefaultLockoutTimeInMinutes).</summary>
    public int WindowMinutes { get; set; } = 15;

    /// <summary>
    /// Every failed sign-in answer takes at least this long, whatever the cause (unknown, wrong, locked, disabled),
    /// so its timing tells nothing; Umbraco's own floor (UserDefaultFailedLoginDurationInMilliseconds) is the same 1 s.
    /// </summary>
    public int FailedAnswerMilliseconds { get; set; } = 1000;
}
