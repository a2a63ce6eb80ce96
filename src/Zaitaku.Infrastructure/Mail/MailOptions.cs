namespace Zaitaku.Infrastructure.Mail;

/// <summary>The "Zaitaku:Mail" configuration section: the SMTP server the site sends through.</summary>
public sealed class MailOptions
{
    /// <summary>Empty: mail waits in the outbox until a server is configured.</summary>
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    /// <summary>"StartTls" (default), "SslOnConnect" or "None" (a relay on the same machine only).</summary>
    public string Security { get; set; } = "StartTls";
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "noreply@example.jp";
    public string FromName { get; set; } = "大和郡山市 在宅医療・介護連携";
}
