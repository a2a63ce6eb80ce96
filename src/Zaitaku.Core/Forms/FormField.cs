namespace Zaitaku.Core.Forms;

/// <summary>The kinds of field the form designer offers, as Umbraco Forms names them.</summary>
public enum FormFieldType
{
    ShortText,
    LongText,
    Email,
    Phone,
    Date,
    Number,
    SingleChoice,
    MultipleChoice,
    Dropdown,
    DataConsent,
}

/// <summary>One question on a form. Entries keep answers by <see cref="Key"/>, so a renamed field keeps its answers.</summary>
public sealed class FormField
{
    public Guid Key { get; set; } = Guid.NewGuid();
    public string Label { get; set; } = "";
    public FormFieldType Type { get; set; }
    public bool Mandatory { get; set; }
    /// <summary>A regular expression the whole answer must match (text, email, phone, number fields).</summary>
    public string? Pattern { get; set; }
    /// <summary>What to say when <see cref="Pattern"/> does not match; a general message otherwise.</summary>
    public string? PatternMessage { get; set; }
    public string? HelpText { get; set; }
    /// <summary>The choices of a single choice, multiple choice or dropdown field, in order.</summary>
    public List<string> Options { get; set; } = [];
    public int SortOrder { get; set; }

    public bool HasOptions => Type is FormFieldType.SingleChoice or FormFieldType.MultipleChoice or FormFieldType.Dropdown;
    public bool TakesPattern => Type is FormFieldType.ShortText or FormFieldType.LongText or FormFieldType.Email or FormFieldType.Phone or FormFieldType.Number;

    public static string TypeName(FormFieldType type) => type switch
    {
        FormFieldType.ShortText => "短い文章",
        FormFieldType.LongText => "長い文章",
        FormFieldType.Email => "メールアドレス",
        FormFieldType.Phone => "電話番号",
        FormFieldType.Date => "日付",
        FormFieldType.Number => "数",
        FormFieldType.SingleChoice => "ひとつ選ぶ（ラジオボタン）",
        FormFieldType.MultipleChoice => "いくつでも選ぶ（チェックボックス）",
        FormFieldType.Dropdown => "一覧から選ぶ（ドロップダウン）",
        FormFieldType.DataConsent => "個人情報の取り扱いへの同意",
        _ => type.ToString(),
    };
}

/// <summary>An answer as it was given: the question's label is kept with it, so a later rename does not change old entries.</summary>
public sealed record EntryValue(Guid FieldKey, string Label, string Value);

/// <summary>A message for one field, in Japanese, to show beside it.</summary>
public sealed record FieldError(Guid FieldKey, string Message);
