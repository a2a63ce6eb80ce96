using Zaitaku.Core.Forms;
using Zaitaku.Infrastructure.Forms;
using Zaitaku.Web.Site;

namespace Zaitaku.Web.Forms;

/// <summary>A form as a page shows it: its fields, what was typed, what is wrong with it, and whether it is open.</summary>
public sealed class FormView
{
    public required FormDefinition Form { get; init; }
    public IReadOnlyList<FormField> Fields => _fields ??= Form.GetFields();
    private IReadOnlyList<FormField>? _fields;
    public IReadOnlyDictionary<Guid, IReadOnlyList<string>> Typed { get; init; } = new Dictionary<Guid, IReadOnlyList<string>>();
    public IReadOnlyList<FieldError> Errors { get; init; } = [];
    /// <summary>A message about the whole submission (too many, too large, full, closed, expired page).</summary>
    public string? Problem { get; init; }
    /// <summary>The public page the form sits on (a path on this site).</summary>
    public string? PageUrl { get; init; }
    /// <summary>Why the form takes no entries now (deadline, event begun or over); null while it is open.</summary>
    public string? Closed { get; init; }

    /// <summary>The heading level of the form's name: 2 inside a page, where the page has the 1.</summary>
    public int HeadingLevel { get; init; } = 2;

    /// <summary>The id of the form's section on a page ("form-1a2b3c4d"); its heading is this with "-title".</summary>
    public static string IdOf(FormDefinition form) => "form-" + form.Key.ToString("N")[..8];

    /// <summary>The id of the form's heading: where an event page's 「申し込む」 leads.</summary>
    public static string HeadingIdOf(FormDefinition form) => IdOf(form) + "-title";

    public static string InputName(FormField field) => "f_" + field.Key.ToString("N");
    public static string InputId(FormField field) => "form-" + field.Key.ToString("N");

    public IReadOnlyList<string> TypedFor(FormField field) => Typed.TryGetValue(field.Key, out var v) ? v : [];
    public string? ErrorFor(FormField field) => Errors.FirstOrDefault(e => e.FieldKey == field.Key)?.Message;

    /// <summary>Where an error in the summary leads: the field, or a group's first choice.</summary>
    public static string AnchorOf(FormField field) =>
        InputId(field) + (field.Type is FormFieldType.SingleChoice or FormFieldType.MultipleChoice or FormFieldType.DataConsent ? "-0" : "");

    /// <summary>What was posted for each field, kept as typed so that an error loses nothing.</summary>
    public static Dictionary<Guid, IReadOnlyList<string>> ReadTyped(IEnumerable<FormField> fields, PostedForm posted) =>
        fields.ToDictionary(f => f.Key, f => posted[InputName(f)]);
}

/// <summary>A form on a page of its own (opened directly, or shown again after a problem), in the site's layout.</summary>
public sealed class FormPageModel : LayoutModel
{
    public required FormView View { get; init; }
}

/// <summary>The page after a submission, in the site's layout.</summary>
public sealed class FormThanksModel : LayoutModel
{
    public required FormDefinition Form { get; init; }
    public required string Status { get; init; }
    public int? WaitingPosition { get; init; }
    public string? BackUrl { get; init; }
    /// <summary>The number the person gives when they call (to cancel, for instance).</summary>
    public string? ReceiptNumber { get; init; }
    /// <summary>The event the form signs people up for, repeated here so that this page is all they need to keep.</summary>
    public FormEvent? Event { get; init; }
}
