using System.Text.Json;
using System.Text.Json.Serialization;
using Zaitaku.Core.Forms;

namespace Zaitaku.Infrastructure.Forms;

/// <summary>
/// A form the secretariat designs (Umbraco Forms' "form"): its fields, what happens after a
/// submission, how long entries are kept, and for events, how many places there are.
/// </summary>
public class FormDefinition
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    public int Id { get; set; }
    public Guid Key { get; set; } = Guid.NewGuid();
    public string Name { get; set; } = "";
    /// <summary>Shown above the fields: what the form is for.</summary>
    public string? Introduction { get; set; }
    public string FieldsJson { get; set; } = "[]";
    public string SubmitLabel { get; set; } = "送信する";
    /// <summary>Shown on the confirmation page after a successful submission.</summary>
    public string ThankYouMessage { get; set; } = "送信しました。ありがとうございました。";
    /// <summary>The secretariat's address for a notice of each new entry; empty: no notice.</summary>
    public string? NotifyEmail { get; set; }
    /// <summary>Send the person a confirmation to the e-mail address they gave, if they gave one.</summary>
    public bool ConfirmToSubmitter { get; set; }
    /// <summary>Places for an event; null: no limit.</summary>
    public int? Capacity { get; set; }
    /// <summary>Places taken; changed only by a single conditional UPDATE, so concurrent sign-ups never overbook.</summary>
    public int ConfirmedCount { get; set; }
    /// <summary>After this moment the form takes no more entries (an event's sign-up deadline); null: always open.</summary>
    public DateTime? ClosesAtUtc { get; set; }
    /// <summary>When the places are taken, further sign-ups go on a waiting list instead of being refused.</summary>
    public bool WaitingList { get; set; }
    /// <summary>Entries are deleted automatically this many days after they arrive.</summary>
    public int RetentionDays { get; set; } = 365;
    /// <summary>What personal data the form keeps and why, shown beside the consent field and on the form.</summary>
    public string? PrivacyNotice { get; set; }
    /// <summary>
    /// Shown at the foot of every public page (the page feedback form). Such pages are cached, so the
    /// form carries no antiforgery token and is protected by the Origin check instead; it must ask for
    /// no personal data.
    /// </summary>
    public bool OnEveryPage { get; set; }
    /// <summary>Associations whose editors may see this form's entries (comma-separated keys); none by default.</summary>
    public string EntryAssociationKeys { get; set; } = "";
    public DateTime CreatedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }

    public List<FormField> GetFields() =>
        (JsonSerializer.Deserialize<List<FormField>>(FieldsJson, Json) ?? []).OrderBy(f => f.SortOrder).ToList();

    public void SetFields(IEnumerable<FormField> fields) =>
        FieldsJson = JsonSerializer.Serialize(fields.OrderBy(f => f.SortOrder).ToList(), Json);

    public IReadOnlyList<Guid> EntryAssociations() =>
        EntryAssociationKeys.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse).ToList();

    public bool IsFull => Capacity is { } capacity && ConfirmedCount >= capacity;

    public bool IsClosedAt(DateTime utcNow) => ClosesAtUtc is { } closes && utcNow >= closes;
}

public enum EntryStatus
{
    /// <summary>A form without places: received.</summary>
    Received,
    /// <summary>A place was given.</summary>
    Confirmed,
    /// <summary>On the waiting list, in order of arrival.</summary>
    Waiting,
    /// <summary>The place was given back; the first on the waiting list moved up.</summary>
    Cancelled,
}

/// <summary>
/// One submission. The answers are encrypted (ASP.NET Core Data Protection) before they reach the
/// database; the address the request came from is never stored.
/// </summary>
public class FormEntry
{
    public long Id { get; set; }
    public Guid Key { get; set; } = Guid.NewGuid();
    /// <summary>
    /// The number the person is told (page and mail) and gives when they call: the day it arrived in
    /// Japan and the entry's number, 「261124-0042」, digits only so it reads out easily over the phone.
    /// Entries from before it existed have none; <see cref="Receipt"/> falls back to the plain number.
    /// </summary>
    public string? ReceiptNumber { get; set; }
    public string Receipt => ReceiptNumber ?? Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string MakeReceiptNumber(long id, DateTime createdUtc) =>
        $"{Core.Dates.JapaneseDates.ToJapanTime(createdUtc):yyMMdd}-{id:D4}";
    public int FormId { get; set; }
    public DateTime CreatedUtc { get; set; }
    public EntryStatus Status { get; set; }
    /// <summary>The public page the form was sent from.</summary>
    public string? PageUrl { get; set; }
    /// <summary>The answers as encrypted JSON.</summary>
    public string ProtectedValues { get; set; } = "";
    public DateTime? HandledUtc { get; set; }
    public string? HandledBy { get; set; }
}
