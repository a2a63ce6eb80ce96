using Zaitaku.Infrastructure.Forms;

namespace Zaitaku.Web.Site.Events;

/// <summary>
/// Where the event page reads the sign-up form it names: the forms module implements this (its form catalogue, which
/// reads a form with places from the database on each call, so places left are as they are now). Without a forms
/// module nothing implements it, and an event page says when and where but offers no sign-up.
/// </summary>
public interface ISignUpForms
{
    /// <summary>The form with this key, with its places taken as they are now; null when there is no such form.</summary>
    Task<FormDefinition?> FindAsync(Guid formKey);
}

/// <summary>Where a sign-up stands, as the event page says it.</summary>
public enum SignUpState
{
    /// <summary>Places are left (or the form has no limit).</summary>
    Open,
    /// <summary>Every place is taken; further sign-ups go on the waiting list.</summary>
    Waiting,
    /// <summary>Every place is taken and there is no waiting list.</summary>
    Full,
    /// <summary>The form's deadline has passed, the event has begun, or there is no form to sign up with.</summary>
    Closed,
    /// <summary>The event is over.</summary>
    Ended,
}

/// <summary>
/// One rule for when an event takes sign-ups: the form's own deadline, and at the latest the event's start (nobody
/// reads a sign-up made during the event); after its end the event says it has ended.
/// </summary>
public static class EventSignUps
{
    public static SignUpState StateOf(FormDefinition? form, EventFacts? ev, DateTime utcNow)
    {
        if (ev is not null && ev.Schedule.HasEndedAt(utcNow)) return SignUpState.Ended;
        if (ev is not null && ev.Schedule.HasStartedAt(utcNow)) return SignUpState.Closed;
        if (form is null || form.IsClosedAt(utcNow)) return SignUpState.Closed;
        if (form.IsFull) return form.WaitingList ? SignUpState.Waiting : SignUpState.Full;
        return SignUpState.Open;
    }

    /// <summary>Places still free, or null for a form without a limit.</summary>
    public static int? PlacesLeft(FormDefinition form) =>
        form.Capacity is { } capacity ? Math.Max(0, capacity - form.ConfirmedCount) : null;

    /// <summary>The id of the form's heading on the page (the forms module's form partial writes it): 「申し込む」 leads there.</summary>
    public static string FormHeadingId(FormDefinition form) => "form-" + form.Key.ToString("N")[..8] + "-title";
}
