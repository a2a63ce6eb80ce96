namespace Zaitaku.Web.Forms;

/// <summary>The "Zaitaku:Forms" configuration section (the same names as the previous engine's).</summary>
public sealed class FormsOptions
{
    /// <summary>Submissions one address may make in <see cref="RateLimitWindow"/>; enough for a family signing up together.</summary>
    public int SubmissionsPerAddress { get; set; } = 10;
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(10);
    /// <summary>Confirmation mails one recipient address may receive in a day, whoever types it.</summary>
    public int ConfirmationsPerRecipient { get; set; } = 3;
}
