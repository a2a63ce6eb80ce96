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
