namespace Zaitaku.Web.Forms;

/// <summary>The "Zaitaku:Forms" configuration section.</summary>
public sealed class FormOptions
{
    /// <summary>Submissions one address may make in <see cref="RateLimitWindow"/>; enough for a family signing up together.</summary>
    public int SubmissionsPerAddress { get; set; } = 10;
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(10);
    /// <summary>Confirmation mails one recipient address may receive in a day, whoever types it.</summary>
    public int ConfirmationsPerRecipient { get; set; } = 3;
}
