using System.Text.RegularExpressions;

namespace Zaitaku.Web.Delivery;

/// <summary>
/// Umbraco's v2 syntax for expand and fields: properties[$all], or properties[alias1,alias2].
/// The nested form (properties[alias[properties[...]]]) is not offered.
/// </summary>
public sealed partial class PropertySelection
{
    private readonly HashSet<string>? _aliases;

    private PropertySelection(HashSet<string>? aliases) => _aliases = aliases;

    public static readonly PropertySelection All = new(null);
    public static readonly PropertySelection None = new([]);

    public bool Includes(string alias) => _aliases is null || _aliases.Contains(alias);

    public IReadOnlyCollection<string> Aliases => (IReadOnlyCollection<string>?)_aliases ?? [];

    [GeneratedRegex(@"^properties\[(.*)\]$")]
    private static partial Regex Shape();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]*$")]
    private static partial Regex Alias();

    /// <param name="knownAliases">Aliases that may be named (unknown ones are reported, not ignored).</param>
    /// <returns>The selection, or null with <paramref name="error"/> set.</returns>
    public static PropertySelection? Parse(string parameter, string text, IReadOnlySet<string> knownAliases, out string? error)
    {
        error = null;
        var shape = Shape().Match(text.Trim());
        if (!shape.Success)
        {
            error = $"{parameter} は properties[$all] か properties[別名1,別名2] の形で指定してください。";
            return null;
        }
        var inner = shape.Groups[1].Value.Trim();
        if (inner == "$all") return All;
        var aliases = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var alias in inner.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Alias().IsMatch(alias))
            {
                error = alias.Contains('[')
                    ? $"{parameter} の入れ子の指定（{alias}）には対応していません。"
                    : $"{parameter} の「{alias}」はプロパティの別名として正しくありません。";
                return null;
            }
            if (!knownAliases.Contains(alias))
            {
                error = $"{parameter} の「{alias}」というプロパティはありません。";
                return null;
            }
            aliases.Add(alias);
        }
        return new PropertySelection(aliases);
    }
}
