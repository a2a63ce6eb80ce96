using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Zaitaku.Core.Forms;

/// <summary>
/// Checks what a resident typed against the form's fields and turns it into answers to store.
/// Full-width digits and letters in numbers, phone numbers, e-mail addresses and dates are accepted
/// and stored half-width: people type them either way.
/// </summary>
public static partial class FormSubmission
{
    public const int ShortTextLimit = 200;
    public const int LongTextLimit = 4000;
    /// <summary>What a ticked consent field stores.</summary>
    public const string Consented = "同意する";

    private static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(200);

    [GeneratedRegex(@"^[^@\s""<>()\[\]\\,;:]+@[^@\s""<>()\[\]\\,;:]+\.[^@\s""<>()\[\]\\,;:.]+$")]
    private static partial Regex EmailShape();

    [GeneratedRegex(@"^\+?[0-9][0-9\-() ]{8,18}[0-9]$")]
    private static partial Regex PhoneShape();

    [GeneratedRegex(@"^(\d{4})[-/年](\d{1,2})[-/月](\d{1,2})日?$")]
    private static partial Regex DateShape();

    /// <param name="typed">What the form posted, by field key; several values for a multiple choice.</param>
    public static (List<EntryValue> Values, List<FieldError> Errors) Read(
        IEnumerable<FormField> fields, IReadOnlyDictionary<Guid, IReadOnlyList<string>> typed)
    {
        var values = new List<EntryValue>();
        var errors = new List<FieldError>();
        foreach (var field in fields.OrderBy(f => f.SortOrder))
        {
            var given = (typed.TryGetValue(field.Key, out var v) ? v : [])
                .Select(Clean).Where(s => s.Length > 0).ToList();
            if (given.Count == 0)
            {
                if (field.Mandatory) errors.Add(new(field.Key, MissingMessage(field)));
                continue;
            }
            var (value, problem) = Check(field, given);
            if (problem is not null) errors.Add(new(field.Key, problem));
            else values.Add(new(field.Key, field.Label, value));
        }
        return (values, errors);
    }

    private static string MissingMessage(FormField field) => field.Type switch
    {
        FormFieldType.DataConsent => $"「{field.Label}」に同意いただける場合はチェックを入れてください。同意がないと送信できません。",
        FormFieldType.SingleChoice or FormFieldType.MultipleChoice or FormFieldType.Dropdown => $"「{field.Label}」を選んでください。",
        _ => $"「{field.Label}」を入力してください。",
    };

    private static (string Value, string? Problem) Check(FormField field, List<string> given)
    {
        var first = given[0];
        switch (field.Type)
        {
            case FormFieldType.MultipleChoice:
                return given.All(field.Options.Contains)
                    ? (string.Join("、", field.Options.Where(given.Contains)), null)
                    : ("", $"「{field.Label}」は選択肢から選んでください。");
            case FormFieldType.SingleChoice:
            case FormFieldType.Dropdown:
                return given.Count == 1 && field.Options.Contains(first) ? (first, null) : ("", $"「{field.Label}」は選択肢から選んでください。");
            case FormFieldType.DataConsent:
                return first is Consented or "true" or "on" ? (Consented, null) : ("", MissingMessage(field));
            case FormFieldType.Date:
                return ReadDate(Narrow(first)) is { } date
                    ? (date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null)
                    : ("", $"「{field.Label}」は日付で入力してください（例：2026-12-15）。");
        }

        var text = field.Type switch
        {
            FormFieldType.Phone => Narrow(first).Replace('ー', '-').Replace('−', '-').Replace('‐', '-'),
            FormFieldType.Email or FormFieldType.Number => Narrow(first),
            _ => first,
        };
        var limit = field.Type == FormFieldType.LongText ? LongTextLimit : ShortTextLimit;
        if (text.Length > limit) return ("", $"「{field.Label}」は{limit:N0}文字までで入力してください（いま{text.Length:N0}文字です）。");
        if (field.Type != FormFieldType.LongText && text.Contains('\n')) text = text.ReplaceLineEndings(" ");
        var shapeProblem = field.Type switch
        {
            FormFieldType.Email when !EmailShape().IsMatch(text) => $"「{field.Label}」はメールアドレスの形で入力してください（例：taro@example.jp）。",
            FormFieldType.Phone when !PhoneShape().IsMatch(text) => $"「{field.Label}」は電話番号を数字とハイフンで入力してください（例：0743-00-0000）。",
            FormFieldType.Number when !decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out _) => $"「{field.Label}」は数字で入力してください。",
            _ => null,
        };
        if (shapeProblem is not null) return ("", shapeProblem);
        if (!string.IsNullOrEmpty(field.Pattern) && !MatchesPattern(field.Pattern, text))
        {
            // A postal code typed in full-width digits is still a postal code.
            if (MatchesPattern(field.Pattern, Narrow(text))) return (Narrow(text), null);
            return ("", string.IsNullOrWhiteSpace(field.PatternMessage) ? $"「{field.Label}」の形式が正しくありません。" : field.PatternMessage);
        }
        return (text, null);
    }

    /// <summary>
    /// Designers' patterns run on .NET's non-backtracking engine, whose time grows with the answer's
    /// length only: a pattern such as (a+)+b cannot make the server spin. The engine does without
    /// what needs backtracking, so such a pattern is refused when the form is saved, saying which part.
    /// </summary>
    private const RegexOptions PatternEngine = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;

    /// <summary>Whether a designer's pattern compiles; a pattern that does not is refused when the form is saved.</summary>
    public static string? PatternProblem(string? pattern)
    {
        if (string.IsNullOrEmpty(pattern)) return null;
        if (pattern.Length > 500) return "入力の形式（正規表現）は500文字以内にしてください。";
        try
        {
            _ = new Regex($"^(?:{pattern})$", PatternEngine, PatternTimeout);
            return null;
        }
        catch (NotSupportedException) { return UnsupportedPatternMessage(pattern); }
        catch (ArgumentException) { return "入力の形式（正規表現）が正しくありません。"; }
    }

    private static string UnsupportedPatternMessage(string pattern)
    {
        var part = pattern switch
        {
            _ when pattern.Contains("(?<=") || pattern.Contains("(?<!") => "後読み（(?<= や (?<!）",
            _ when pattern.Contains("(?=") || pattern.Contains("(?!") => "先読み（(?= や (?!）",
            _ when pattern.Contains("(?>") => "アトミックグループ（(?>）",
            _ when pattern.Contains("(?(") => "条件分岐（(?(）",
            _ when BackReference().IsMatch(pattern) => "後方参照（\\1 や \\k<名前>）",
            _ => "この画面では使えない書き方",
        };
        return $"入力の形式（正規表現）に、{part}が含まれています。安全のため、時間のかかる書き方は使えません。使わない形に書き直してください。";
    }

    [GeneratedRegex(@"\\(?:[1-9]|k<)")]
    private static partial Regex BackReference();

    private static bool MatchesPattern(string pattern, string text)
    {
        try { return Regex.IsMatch(text, $"^(?:{pattern})$", PatternEngine, PatternTimeout); }
        // A pattern that takes too long on this answer refuses the answer rather than the server's time.
        catch (RegexMatchTimeoutException) { return false; }
        catch (ArgumentException) { return false; }
        // A pattern saved before the engine changed may use what it refuses: the answer cannot be checked.
        catch (NotSupportedException) { return false; }
    }

    private static DateOnly? ReadDate(string text)
    {
        if (DateShape().Match(text) is not { Success: true } m) return null;
        try { return new DateOnly(int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value), int.Parse(m.Groups[3].Value)); }
        catch (ArgumentOutOfRangeException) { return null; }
    }

    /// <summary>Full-width digits, letters and signs to half-width (NFKC).</summary>
    private static string Narrow(string s) => s.Normalize(NormalizationForm.FormKC).Trim();

    /// <summary>Trimmed, with control characters other than line breaks and tabs removed.</summary>
    private static string Clean(string s)
    {
        var builder = new StringBuilder(s.Length);
        foreach (var c in s.Trim())
            if (!char.IsControl(c) || c is '\n' or '\r' or '\t') builder.Append(c);
        return builder.ToString().ReplaceLineEndings("\n");
    }
}
