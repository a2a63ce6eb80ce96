using Zaitaku.Core.Forms;
using Zaitaku.Infrastructure.Forms;
using Zaitaku.Web.Site;

namespace Zaitaku.Web.Forms;

/// <summary>A form as a page shows it: its fields, what was typed, and what is wrong with it.</summary>
public sealed class FormView
{
    public required FormDefinition Form { get; init; }
    public IReadOnlyList<FormField> Fields => _fields ??= Form.GetFields();
    private IReadOnlyList<FormField>? _fields;
    public IReadOnlyDictionary<Guid, IReadOnlyList<string>> Typed { get; init; } = new Dictionary<Guid, IReadOnlyList<string>>();
    public IReadOnlyList<FieldError> Errors { get; init; } = [];
    /// <summary>A message about the whole submission (too many, full, expired page).</summary>
    public string? Problem { get; init; }
    /// <summary>The public page the form sits on.</summary>
    public string? PageUrl { get; init; }

    public static string InputName(FormField field) => "f_" + field.Key.ToString("N");
    public static string InputId(FormField field) => "form-" + field.Key.ToString("N");

    public IReadOnlyList<string> TypedFor(FormField field) => Typed.TryGetValue(field.Key, out var v) ? v : [];
    public string? ErrorFor(FormField field) => Errors.FirstOrDefault(e => e.FieldKey == field.Key)?.Message;

    /// <summary>Where an error in the summary leads: the field, or a group's first choice.</summary>
    public static string AnchorOf(FormField field) => InputId(field) + (field.Type is FormFieldType.SingleChoice or FormFieldType.MultipleChoice ? "-0" : "");

    /// <summary>What the request posted for each field, kept as typed so an error loses nothing.</summary>
    public static Dictionary<Guid, IReadOnlyList<string>> ReadTyped(IEnumerable<FormField> fields, IFormCollection posted) =>
        fields.ToDictionary(f => f.Key, f => (IReadOnlyList<string>)posted[InputName(f)].Where(v => v is not null).Select(v => v!).ToList());
}

/// <summary>A form on a page of its own: shown when it is opened directly, or again after a problem.</summary>
public sealed class FormPage : LayoutModel
{
    public required FormView View { get; init; }
}

public sealed class FormThanksPage : LayoutModel
{
    public required FormDefinition Form { get; init; }
    public required string Status { get; init; }
    public int? WaitingPosition { get; init; }
    public string? BackUrl { get; init; }
    /// <summary>The number the person gives when they call (to cancel, for instance).</summary>
    public string? ReceiptNumber { get; init; }
    /// <summary>The event the form signs people up for, repeated here so the page is all they need to keep.</summary>
    public Core.Events.EventFacts? Event { get; init; }
    public Core.Publishing.PublishedContent? EventContact { get; init; }
}
