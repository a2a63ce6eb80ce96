namespace Zaitaku.Infrastructure.Content;

/// <summary>Where a request stands. Scheduled: a reviewer booked it for publishing, so it has left the queue.</summary>
public enum ReviewState { Pending, Approved, Returned, Scheduled }

/// <summary>
/// Umbraco's "Send to Publish", with a real answer: an editor asks for a saved version to be
/// reviewed; a reviewer approves (publishes) it or returns it with a comment.
/// </summary>
public class ReviewRequest
{
    public int Id { get; set; }
    public int NodeId { get; set; }
    public int VersionId { get; set; }
    public string RequestedBy { get; set; } = "";
    public DateTime RequestedUtc { get; set; }
    /// <summary>The editor's words to the reviewer when asking (what changed, what to look at).</summary>
    public string? Note { get; set; }
    public ReviewState State { get; set; }
    public string? ReviewedBy { get; set; }
    public DateTime? ReviewedUtc { get; set; }
    /// <summary>The reviewer's words to the editor when returning it.</summary>
    public string? Comment { get; set; }
}
