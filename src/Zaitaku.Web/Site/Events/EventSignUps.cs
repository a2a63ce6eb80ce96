using Zaitaku.Core.Events;
using Zaitaku.Core.Publishing;
using Zaitaku.Core.Rendering;
using Zaitaku.Infrastructure.Forms;

namespace Zaitaku.Web.Site.Events;

/// <summary>Where a sign-up stands, as the event page and the form say it.</summary>
public enum SignUpState
{
    /// <summary>Places are left (or the form has no limit).</summary>
    Open,
    /// <summary>Every place is taken; further sign-ups go on the waiting list.</summary>
    Waiting,
    /// <summary>Every place is taken and there is no waiting list.</summary>
    Full,
    /// <summary>The form's deadline has passed, or the event has begun.</summary>
    Closed,
    /// <summary>The event is over.</summary>
    Ended,
}

/// <summary>
/// One rule for when an event takes sign-ups, used by the event page, the form and the server that
/// receives it: the form's own deadline, and at the latest the event's start.
/// </summary>
public static class EventSignUps
{
    public static SignUpState StateOf(FormDefinition? form, EventFacts? ev, DateTime utcNow)
    {
        if (ev is not null && ev.Schedule.HasEndedAt(utcNow)) return SignUpState.Ended;
        if (ev is not null && ev.Schedule.HasStartedAt(utcNow)) return SignUpState.Closed;
        if (form is null) return SignUpState.Closed;
        if (form.IsClosedAt(utcNow)) return SignUpState.Closed;
        if (form.IsFull) return form.WaitingList ? SignUpState.Waiting : SignUpState.Full;
        return SignUpState.Open;
    }

    /// <summary>Why a form takes no entries now, in words for the person who tried; null while it is open.</summary>
    public static string? Refusal(FormDefinition form, PublishedSnapshot snapshot, DateTime utcNow)
    {
        var ev = EventFacts.ForForm(snapshot, form.Key);
        return StateOf(form, ev, utcNow) switch
        {
            SignUpState.Ended => $"「{ev!.Page.Name}」は{ev.Schedule.DateText}に終わったため、申し込みは受け付けていません。入力した内容は送信されていません。",
            SignUpState.Closed when ev is not null && ev.Schedule.HasStartedAt(utcNow) =>
                $"「{ev.Page.Name}」は始まっているため、このページからの申し込みは受け付けていません。入力した内容は送信されていません。",
            SignUpState.Closed => "受付の締切を過ぎたため、このフォームは受付を終了しました。入力した内容は送信されていません。",
            _ => null,
        };
    }

    public static int? PlacesLeft(FormDefinition form) =>
        form.Capacity is { } capacity ? Math.Max(0, capacity - form.ConfirmedCount) : null;

    /// <summary>The contact for an event (its own, or the site's default): whom to call to cancel.</summary>
    public static PublishedContent? ContactOf(EventFacts ev, PublishedSnapshot snapshot) =>
        snapshot.Picked(ev.Page, "contact")
        ?? (snapshot.Roots.FirstOrDefault(r => r.Is("siteSettings")) is { } settings ? snapshot.Picked(settings, "defaultContact") : null);

    /// <summary>What the confirmation mail says about the event and how to cancel.</summary>
    public static EventNotice NoticeOf(EventFacts ev, PublishedSnapshot snapshot)
    {
        var contact = ContactOf(ev, snapshot);
        var whom = contact?.Value("department") ?? contact?.Name ?? "大和郡山市 福祉部 地域包括ケア推進課 地域ケア係（事務局）";
        var phone = PhoneNumber.Parse(contact?.Value("phone"));
        return new EventNotice(ev.Page.Name, ev.Schedule.DateText, ev.Schedule.TimeText, ev.Venue, ev.IsSample, whom,
            phone is null ? null : (phone.Note?.Replace('(', '（').Replace(')', '）') ?? "") + phone.Display);
    }
}

/// <summary>An event as a plain-text mail tells it.</summary>
public sealed record EventNotice(string Title, string DateText, string TimeText, string Venue, bool IsSample, string Whom, string? Phone)
{
    public string MailText =>
        $"催し：{Title}\n日時：{DateText} {TimeText}\n会場：{Venue}\n" +
        (IsSample ? "（日時・会場は見本（サンプル）です。決まりしだい、ページでお知らせします。）\n" : "") +
        "\n■ 参加を取り消すとき\n受付番号をお伝えのうえ、お電話でお知らせください。\n" +
        $"{Whom}" + (Phone is null ? "\n" : $"　電話：{Phone}\n");
}
