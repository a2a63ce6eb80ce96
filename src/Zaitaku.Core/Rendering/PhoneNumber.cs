using System.Text;
using System.Text.RegularExpressions;

namespace Zaitaku.Core.Rendering;

/// <summary>
/// A Japanese telephone number as editors type it (「0743-53-1111」, full-width digits, a
/// 「（サンプル）」 note before it): the hyphenated form to show and the tel: address to call.
/// </summary>
public sealed partial record PhoneNumber(string Display, string TelUri, string? Note)
{
    // Japanese numbers start with 0 (domestic) or +81; groups of 1-5 digits joined by hyphens.
    [GeneratedRegex(@"(?<![\d+])(?:\+81[-\s]?|0)\d{1,4}-\d{1,4}-\d{3,4}(?!\d)")]
    internal static partial Regex Pattern();

    /// <summary>
    /// Reads a stored value. Returns null when it holds no telephone number (so a template shows
    /// the text as written instead of a link that would call nothing).
    /// </summary>
    public static PhoneNumber? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var text = value.Normalize(NormalizationForm.FormKC).Replace('‐', '-').Replace('−', '-').Replace('ー', '-').Trim();
        var match = Pattern().Match(text);
        if (!match.Success) return null;
        var display = match.Value.Trim();
        var note = (text[..match.Index] + text[(match.Index + match.Length)..]).Trim();
        return new PhoneNumber(display, ToTelUri(display), note.Length == 0 ? null : note);
    }

    /// <summary>RFC 3966 address: digits only (and a leading +), which every phone dials.</summary>
    public static string ToTelUri(string display)
    {
        var digits = new StringBuilder("tel:");
        foreach (var c in display)
        {
            if (char.IsAsciiDigit(c) || (c == '+' && digits.Length == 4)) digits.Append(c);
        }
        return digits.ToString();
    }
}
