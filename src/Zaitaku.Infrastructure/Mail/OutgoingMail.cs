namespace Zaitaku.Infrastructure.Mail;

/// <summary>
/// A message waiting in the outbox. Whatever asks for a mail writes this row first, in its own
/// transaction; the sender delivers it later and retries, so a dead mail server loses nothing.
/// </summary>
public class OutgoingMail
{
    public long Id { get; set; }
    public string To { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    public DateTime CreatedUtc { get; set; }
    public DateTime? SentUtc { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptUtc { get; set; }
    public string? LastError { get; set; }
}

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
