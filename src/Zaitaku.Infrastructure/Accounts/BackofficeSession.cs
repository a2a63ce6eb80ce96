namespace Zaitaku.Infrastructure.Accounts;

/// <summary>
/// A signed-in backoffice session kept on the server; the cookie holds only its key. Logging out
/// deletes the row, so a copied cookie stops working at once.
/// </summary>
public class BackofficeSession
{
    public string Key { get; set; } = "";
    public string UserId { get; set; } = "";
    public byte[] Ticket { get; set; } = [];
    public DateTime CreatedUtc { get; set; }
    public DateTime LastSeenUtc { get; set; }
    public DateTime? ExpiresUtc { get; set; }
    public string? IpAddress { get; set; }
}
