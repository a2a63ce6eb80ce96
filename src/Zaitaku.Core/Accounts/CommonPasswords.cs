using System.Globalization;
using System.Reflection;
using System.Text;

namespace Zaitaku.Core.Accounts;

/// <summary>
/// OWASP ASVS 5.0 password rules beyond length (6.2.4, 6.2.11), shared by both backoffices: no composition rules,
/// but a password is refused when it is, or is merely dressed up from, something an attacker tries first:
/// <list type="bullet">
/// <item>one of the 3,546 most common passwords (Openwall's password.lst, <c>openwall-password.lst</c>)
/// or of our own longer ones (<c>common-passwords.txt</c>), both embedded in this assembly;</item>
/// <item>the same after undoing the usual disguises: capitals, full-width letters, look-alike symbols (P@ssw0rd),
/// digits or symbols added before or after (admin1234567), separators (pass-word);</item>
/// <item>one character repeated, a short piece repeated (abc123abc123), a run along a keyboard or number row
/// (which may carry on to the next row: qwertyuiopas) or along the kana order (あいうえおかきくけこさし, in
/// hiragana, katakana or half-width kana), and pieces of such runs put side by side (abcd1234abcd);</item>
/// <item>the site's own names or the account's e-mail name, alone or with digits and symbols (zaitaku-12345).</item>
/// </list>
/// Messages are in Japanese, as editors read them beside the password field.
/// </summary>
public static class CommonPasswords
{
    public const int MaximumLength = 256;
    private static readonly Lazy<HashSet<string>> Common = new(Load);

    // Keyboard rows are read on into the next row, as fingers run along them; the kana orders as people recite them.
    private static readonly string[] Runs =
    [
        "1234567890", "qwertyuiopasdfghjklzxcvbnm", "qazwsxedcrfvtgbyhnujmikolp", "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
        "abcdefghijklmnopqrstuvwxyz", "!@#$%^&*()",
        "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん",
        "いろはにほへとちりぬるをわかよたれそつねならむうゐのおくやまけふこえてあさきゆめみしゑひもせす",
    ];

    private static readonly string[] SiteWords =
        ["zaitaku", "yamatokoriyama", "koriyama", "umbraco", "password", "passw0rd", "kaigo", "iryou", "renkei"];

    private static HashSet<string> Load()
    {
        var assembly = typeof(CommonPasswords).Assembly;
        // Openwall's list marks its header lines with "#!comment:"; ours with "#".
        return new[] { "openwall-password.lst", "common-passwords.txt" }
            .SelectMany(file => ReadLines(assembly, "Zaitaku.Core.Accounts." + file))
            .Select(l => l.Trim().ToLowerInvariant())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToHashSet(StringComparer.Ordinal);
    }

    private static IEnumerable<string> ReadLines(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"{name} is not embedded.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (reader.ReadLine() is { } line) yield return line;
    }

    /// <summary>How many passwords the lists hold (tests check the list is really there).</summary>
    public static int ListedCount => Common.Value.Count;

    /// <summary>Why the password is refused, in Japanese, or null when it is acceptable. Length is checked elsewhere.</summary>
    public static string? Problem(string? password, string? email)
    {
        if (string.IsNullOrEmpty(password)) return null;
        if (password.Length > MaximumLength) return $"パスワードは{MaximumLength}文字以内にしてください。";
        var lower = Hiragana(password.Normalize(NormalizationForm.FormKC).ToLowerInvariant());
        var compact = new string(lower.Where(c => !char.IsWhiteSpace(c) && c is not ('-' or '_' or '.' or 'ー' or '・')).ToArray());
        if (compact.Distinct().Count() <= 2) return "同じ文字のくり返しに近いパスワードは使えません。";
        if (IsRun(compact)) return "キーボードや五十音、数字の並びそのままのパスワードは使えません。";
        if (IsMadeOfRuns(compact)) return "キーボードや五十音、数字の並びをつないだだけのパスワードは使えません。";

        // The word inside: without whatever is not a letter at its ends, or without only the digits
        // and symbols that do not stand for letters ("@dmin" keeps its "@").
        var core = Trim(compact, c => !char.IsLetter(c));
        var leetCore = Trim(compact, c => !char.IsLetter(c) && !IsLeet(c));
        var forms = new[] { lower, compact, core, leetCore }.SelectMany(f => new[] { f, Unleet(f, 'i'), Unleet(f, 'l') })
            .Where(f => f.Length > 0).Distinct().ToList();
        if (forms.Any(Common.Value.Contains)) return "よく使われているパスワードのため使えません。ほかの人が思いつかない言葉を組み合わせてください。";
        if (ShortPeriod(compact) is { } piece && piece.Length <= 8) return "短い言葉をくり返しただけのパスワードは使えません。";
        if (core.Length >= 4 && IsRun(core, minimum: 4)) return "キーボードや数字の並びに数字や記号を足しただけのパスワードは使えません。";

        var local = email?.Split('@')[0].ToLowerInvariant();
        var contextWords = SiteWords.Concat(local is { Length: >= 4 } ? [local] : []).ToArray();
        if (forms.Any(f => contextWords.Contains(f))
            || (SiteWords.FirstOrDefault(w => lower.Contains(w, StringComparison.Ordinal)) is { } siteWord && lower.Length - siteWord.Length < 6))
            return local is not null && forms.Any(f => f == local)
                ? "メールアドレスを含むパスワードは使えません。"
                : "サイト名や「password」を中心にしたパスワードは使えません。";
        if (local is { Length: >= 4 } && lower.Contains(local, StringComparison.Ordinal)) return "メールアドレスを含むパスワードは使えません。";
        return null;
    }

    /// <summary>Katakana read as hiragana (half-width kana are already full-width after NFKC).</summary>
    private static string Hiragana(string text) => string.Create(text.Length, text, (span, source) =>
    {
        for (var i = 0; i < span.Length; i++)
            span[i] = source[i] is >= 'ァ' and <= 'ヶ' ? (char)(source[i] - 0x60) : source[i];
    });

    /// <summary>The text without the characters added before or after it: "p@ssw0rd" of "p@ssw0rd1234".</summary>
    private static string Trim(string text, Func<char, bool> padding)
    {
        var start = 0;
        var end = text.Length;
        while (end > start && padding(text[end - 1])) end--;
        while (start < end && padding(text[start])) start++;
        return text[start..end];
    }

    private static bool IsLeet(char c) => c is '@' or '$' or '!' or '+';

    /// <summary>Look-alike characters read as the letters they stand for; 1 is read as i or as l.</summary>
    private static string Unleet(string text, char one) => string.Create(text.Length, (text, one), (span, state) =>
    {
        for (var i = 0; i < span.Length; i++)
            span[i] = state.text[i] switch
            {
                '@' or '4' => 'a',
                '3' => 'e',
                '1' => state.one,
                '!' => 'i',
                '0' => 'o',
                '$' or '5' => 's',
                '7' or '+' => 't',
                '8' => 'b',
                '9' => 'g',
                var c => c,
            };
    });

    /// <summary>The shortest piece the password repeats ("abc123" of "abc123abc123"), if it is a repetition.</summary>
    private static string? ShortPeriod(string text)
    {
        for (var period = 1; period <= text.Length / 2; period++)
        {
            var repeats = true;
            for (var i = period; i < text.Length && repeats; i++) repeats = text[i] == text[i - period];
            if (repeats) return text[..period];
        }
        return null;
    }

    private static string RunCharacters(string text) =>
        new(text.Where(c => char.IsLetterOrDigit(c) || "!@#$%^&*()".Contains(c)).ToArray());

    private static bool IsRun(string text, int minimum = 8)
    {
        var compact = RunCharacters(text);
        if (compact.Length < minimum) return false;
        return AllRuns.Any(run => IsPieceOf(compact, run));
    }

    private static readonly string[] AllRuns = Runs.Concat(Runs.Select(r => new string(r.Reverse().ToArray()))).ToArray();

    /// <summary>
    /// True when the whole text is pieces of runs of three or more characters each, put side by side:
    /// "abcd1234abcd", "qwer1234asdf", "あいうえ1234かきくけ".
    /// </summary>
    private static bool IsMadeOfRuns(string text)
    {
        var compact = RunCharacters(text);
        if (compact.Length < 8) return false;
        var start = 0;
        while (start < compact.Length)
        {
            var longest = 0;
            foreach (var run in AllRuns)
            {
                var length = RunLengthAt(compact, start, run);
                if (length > longest) longest = length;
            }
            if (longest < 3) return false;
            start += longest;
        }
        return true;
    }

    /// <summary>How many characters from <paramref name="start"/> follow the run in order (wrapping round).</summary>
    private static int RunLengthAt(string text, int start, string run)
    {
        var at = run.IndexOf(text[start]);
        if (at < 0) return 0;
        var length = 1;
        while (start + length < text.Length && text[start + length] == run[(at + length) % run.Length]) length++;
        return length;
    }

    // True when the text is a stretch of the run, repeated as needed (e.g. "123456789012").
    private static bool IsPieceOf(string text, string run)
    {
        var start = run.IndexOf(text[0]);
        if (start < 0) return false;
        for (var i = 0; i < text.Length; i++)
            if (text[i] != run[(start + i) % run.Length]) return false;
        return true;
    }
}
