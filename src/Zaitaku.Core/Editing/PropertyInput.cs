using System.Globalization;
using System.Text.RegularExpressions;
using Zaitaku.Core.Content;
using Zaitaku.Core.ContentTypes;

namespace Zaitaku.Core.Editing;

/// <summary>A message for one property, in Japanese, to show beside its field.</summary>
public sealed record PropertyError(string Alias, string Message);

/// <summary>
/// Turns what an editor typed into stored values, property by property, as the document type's
/// editors and validation say, and explains in Japanese whatever cannot be stored.
/// </summary>
public static class PropertyInput
{
    /// <param name="typed">Values by alias as posted by the edit form; absent checkboxes are absent.</param>
    /// <param name="documentExists">Whether a content picker's key names a node that may be picked.</param>
    /// <param name="mediaExists">Whether a media picker's key names a file this person may use.</param>
    /// <param name="formExists">Whether a form picker's key names a form that may be placed on a page.</param>
    public static (Dictionary<string, string> Values, List<PropertyError> Errors) Read(
        DocumentType type, ContentSchema schema, IReadOnlyDictionary<string, string?> typed, Func<Guid, bool> documentExists,
        Func<Guid, bool>? mediaExists = null, Func<Guid, bool>? formExists = null)
    {
        mediaExists ??= _ => false;
        formExists ??= _ => false;
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var errors = new List<PropertyError>();
        foreach (var property in type.Properties)
        {
            var raw = typed.TryGetValue(property.Alias, out var v) ? v?.Trim() ?? "" : "";
            if (property.EditorAlias == PropertyEditors.TrueFalse)
            {
                values[property.Alias] = raw is "true" or "on" ? "true" : "false";
                continue;
            }
            if (raw.Length == 0)
            {
                if (property.Mandatory) errors.Add(new(property.Alias, $"「{property.Name}」を入力してください。"));
                continue;
            }
            if (Convert(property, schema, raw, documentExists, mediaExists, formExists) is { } problem)
            {
                errors.Add(new(property.Alias, problem));
                values[property.Alias] = raw; // kept, so the editor sees what they typed
                continue;
            }
            values[property.Alias] = property.EditorAlias switch
            {
                PropertyEditors.ContentPicker => PropertyValues.DocumentUdi(Guid.Parse(raw)),
                PropertyEditors.MediaPicker => Zaitaku.Core.Media.MediaUdi.For(Guid.Parse(raw)),
                _ => raw,
            };
            if (property.ValidationRegex is { } pattern && !Regex.IsMatch(raw, pattern))
                errors.Add(new(property.Alias, $"「{property.Name}」の形式が正しくありません。"));
        }
        return (values, errors);
    }

    private static string? Convert(PropertyType property, ContentSchema schema, string raw, Func<Guid, bool> documentExists,
        Func<Guid, bool> mediaExists, Func<Guid, bool> formExists) =>
        property.EditorAlias switch
        {
            PropertyEditors.DateTime => DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                ? null : $"「{property.Name}」は日付で入力してください（例：2025-01-10）。",
            PropertyEditors.Integer => int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
                ? null : $"「{property.Name}」は半角の整数で入力してください。",
            PropertyEditors.DropDown => schema.FindDataType(property.DataTypeKey)?.DropDownItems() is { Count: > 0 } items && !items.Contains(raw)
                ? $"「{property.Name}」は一覧から選んでください。" : null,
            PropertyEditors.ContentPicker => Guid.TryParse(raw, out var key) && documentExists(key)
                ? null : $"「{property.Name}」は一覧から選んでください。",
            PropertyEditors.MediaPicker => Guid.TryParse(raw, out var mediaKey) && mediaExists(mediaKey)
                ? null : $"「{property.Name}」はメディアの一覧から選んでください。",
            PropertyEditors.FormPicker => Guid.TryParse(raw, out var formKey) && formExists(formKey)
                ? null : $"「{property.Name}」はフォームの一覧から選んでください。",
            _ => raw.Length > 100_000 ? $"「{property.Name}」が長すぎます（10万文字まで）。" : null,
        };

    /// <summary>The value as an edit form shows it: content and media picker UDIs as plain keys.</summary>
    public static string ForForm(PropertyType property, string? stored) => property.EditorAlias switch
    {
        PropertyEditors.ContentPicker when PropertyValues.ParseDocumentUdi(stored) is { } key => key.ToString(),
        PropertyEditors.MediaPicker when Zaitaku.Core.Media.MediaUdi.Parse(stored) is { } mediaKey => mediaKey.ToString(),
        _ => stored ?? "",
    };
}
