using Umbraco.Cms.Core.Models.PublishedContent;
using Umbraco.Cms.Core.PublishedCache;
using Umbraco.Cms.Core.Services.Navigation;
using Zaitaku.Core.Events;
using Zaitaku.Core.Rendering;
using EventFacts = Zaitaku.Web.Site.Events.EventFacts;
using Zaitaku.Infrastructure.Forms;

namespace Zaitaku.Web.Forms;

/// <summary>An event page (催し) that signs people up with a form: when, where, and whom to call.</summary>
public sealed record FormEvent(IPublishedContent Page, EventSchedule Schedule, string Venue, string? VenueAddress, bool IsSample, IPublishedContent? Contact)
{
    /// <summary>Whom to call to cancel: the contact's department, or its name.</summary>
    public string Whom => Contact?.Value<string>("department") is { Length: > 0 } d ? d : Contact?.Name ?? "大和郡山市 福祉部 地域包括ケア推進課 地域ケア係（事務局）";

    public string? Phone => Contact?.Value<string>("phone");

    /// <summary>The event as a plain-text mail tells it (the confirmation).</summary>
    public string MailText
    {
        get
        {
            var phone = PhoneNumber.Parse(Phone);
            var phoneText = phone is null ? null : (phone.Note?.Replace('(', '（').Replace(')', '）') ?? "") + phone.Display;
            return $"催し：{Page.Name}\n日時：{Schedule.DateText} {Schedule.TimeText}\n会場：{Venue}\n" +
                (IsSample ? "（日時・会場は見本（サンプル）です。決まりしだい、ページでお知らせします。）\n" : "") +
                "\n■ 参加を取り消すとき\n受付番号をお伝えのうえ、お電話でお知らせください。\n" +
                Whom + (phoneText is null ? "\n" : $"　電話：{phoneText}\n");
        }
    }
}

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
/// Finds the published event page that uses a form (its <c>form</c> property holds the form's key), and states the
/// one rule for when an event takes sign-ups, used by the page, the form and the server that receives it: the
/// form's own deadline, and at the latest the event's start.
/// </summary>
public sealed class FormEvents(IDocumentNavigationQueryService navigation, IPublishedContentCache contentCache)
{
    public const string EventAlias = "event";

    /// <summary>The published event that signs people up with this form, if there is one.</summary>
    public FormEvent? ForForm(Guid formKey)
    {
        if (!navigation.TryGetRootKeys(out var roots)) return null;
        foreach (var root in roots)
        {
            if (!navigation.TryGetDescendantsKeysOfType(root, EventAlias, out var keys)) continue;
            foreach (var key in keys)
            {
                if (contentCache.GetById(key) is not { } page) continue;
                if (!Guid.TryParse(page.Value<string>("form"), out var picked) || picked != formKey) continue;
                if (Of(page) is { } found) return found;
            }
        }
        return null;
    }

    /// <summary>An event page's facts (read as the event pages read them, <see cref="EventFacts"/>), or null when its day or start time is missing or unreadable.</summary>
    public FormEvent? Of(IPublishedContent page) =>
        EventFacts.Of(page) is { } facts
            ? new FormEvent(page, facts.Schedule, facts.Venue, facts.VenueAddress, facts.IsSample, ContactOf(page))
            : null;

    /// <summary>The event's own contact, or the site's default (サイト設定 › defaultContact).</summary>
    private IPublishedContent? ContactOf(IPublishedContent page)
    {
        if (page.Value<IPublishedContent>("contact") is { } own) return own;
        if (!navigation.TryGetRootKeysOfType("siteSettings", out var settingsKeys)) return null;
        return settingsKeys.Select(k => contentCache.GetById(k)).OfType<IPublishedContent>()
            .Select(s => s.Value<IPublishedContent>("defaultContact")).FirstOrDefault(c => c is not null);
    }

    /// <param name="form">The event's sign-up form; null when it names none (or none that exists): nothing to sign up with.</param>
    public static SignUpState StateOf(FormDefinition? form, FormEvent? ev, DateTime utcNow)
    {
        if (ev is not null && ev.Schedule.HasEndedAt(utcNow)) return SignUpState.Ended;
        if (ev is not null && ev.Schedule.HasStartedAt(utcNow)) return SignUpState.Closed;
        if (form is null || form.IsClosedAt(utcNow)) return SignUpState.Closed;
        if (form.IsFull) return form.WaitingList ? SignUpState.Waiting : SignUpState.Full;
        return SignUpState.Open;
    }

    /// <summary>Why a form takes no entries now, in words for the person who tried; null while it is open.</summary>
    public static string? Refusal(FormDefinition form, FormEvent? ev, DateTime utcNow) => StateOf(form, ev, utcNow) switch
    {
        SignUpState.Ended => $"「{ev!.Page.Name}」は{ev.Schedule.DateText}に終わったため、申し込みは受け付けていません。入力した内容は送信されていません。",
        SignUpState.Closed when ev is not null && ev.Schedule.HasStartedAt(utcNow) =>
            $"「{ev.Page.Name}」は始まっているため、このページからの申し込みは受け付けていません。入力した内容は送信されていません。",
        SignUpState.Closed => "受付の締切を過ぎたため、このフォームは受付を終了しました。入力した内容は送信されていません。",
        _ => null,
    };

    /// <summary>Places still free, or null for a form without a limit.</summary>
    public static int? PlacesLeft(FormDefinition form) =>
        form.Capacity is { } capacity ? Math.Max(0, capacity - form.ConfirmedCount) : null;
}
