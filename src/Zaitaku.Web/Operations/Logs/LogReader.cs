using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Zaitaku.Web.Operations.Logs;

/// <summary>The "Zaitaku:Logs" section: where the structured (compact JSON) log files are.</summary>
public sealed class LogViewerOptions
{
    /// <summary>Relative to the data folder; the Serilog section writes zaitaku-YYYYMMDD.clef here.</summary>
    public string Folder { get; set; } = "logs";
    public string FilePattern { get; set; } = "*.clef";
}

public enum LogLevelFilter { Verbose, Debug, Information, Warning, Error, Fatal }

/// <summary>What the log viewer asks for. Times are Japan time, as the people reading them live it.</summary>
public sealed class LogQuery
{
    public LogLevelFilter? Level { get; set; }
    public DateTime? From { get; set; }
    public DateTime? To { get; set; }
    public string? Text { get; set; }
    public string? RequestId { get; set; }
    public string? User { get; set; }
    public int Page { get; set; } = 1;
}

public sealed record LogLine(DateTime TimestampUtc, string Level, string Message, string? Exception, string? RequestId, string? UserName, string? Source, string? RequestPath);

/// <param name="HasMore">Whether older matching lines exist beyond this page.</param>
public sealed record LogPage(IReadOnlyList<LogLine> Lines, bool HasMore, long BytesRead, int FilesRead);

/// <summary>
/// Reads the compact JSON log (one event per line, written by Serilog's CompactJsonFormatter)
/// without loading it: each file is read forward as a stream, a line that cannot match is passed
/// over before it is parsed, and only the matches of the page asked for are kept. Newest files first;
/// files wholly outside the time range are not opened.
/// </summary>
public sealed class LogReader(IOptions<ZaitakuOptions> zaitaku, IOptions<LogViewerOptions> options)
{
    public const int PageSize = 100;

    public string Folder => Path.GetFullPath(options.Value.Folder, zaitaku.Value.ResolvedDataFolder);

    public IReadOnlyList<FileInfo> Files() => Directory.Exists(Folder)
        ? new DirectoryInfo(Folder).EnumerateFiles(options.Value.FilePattern).OrderByDescending(f => f.Name, StringComparer.Ordinal).ToList()
        : [];

    public LogPage Read(LogQuery query, CancellationToken ct = default)
    {
        var fromUtc = query.From is { } f ? Zaitaku.Core.Dates.JapaneseDates.JapanTimeToUtc(f) : (DateTime?)null;
        var toUtc = query.To is { } t ? Zaitaku.Core.Dates.JapaneseDates.JapanTimeToUtc(t) : (DateTime?)null;
        var page = Math.Max(1, query.Page);
        // A request's lines are read in the order they happened; any other search, newest first.
        var chronological = !string.IsNullOrWhiteSpace(query.RequestId);
        var wanted = page * PageSize + 1; // one more than the pages up to this one: is there a next?
        var kept = new List<LogLine>();
        long bytes = 0;
        var files = 0;
        var matcher = new Matcher(query);
        var ordered = Files().Where(file => fromUtc is null || file.LastWriteTimeUtc >= fromUtc).ToList();
        if (chronological) ordered.Reverse();
        foreach (var file in ordered)
        {
            ct.ThrowIfCancellationRequested();
            files++;
            // Newest first: keep only the last `wanted` matches of this file (a ring), then prepend older files' later.
            var fromFile = new Queue<LogLine>();
            using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
            using var reader = new StreamReader(stream);
            string? raw;
            while ((raw = reader.ReadLine()) is not null)
            {
                bytes += raw.Length + 1;
                if (!matcher.MayMatch(raw) || Parse(raw) is not { } line) continue;
                if (fromUtc is { } from && line.TimestampUtc < from) continue;
                if (toUtc is { } to && line.TimestampUtc >= to) continue;
                if (!matcher.Matches(line)) continue;
                fromFile.Enqueue(line);
                if (chronological)
                {
                    if (kept.Count + fromFile.Count >= wanted) break;
                }
                else if (fromFile.Count > wanted) fromFile.Dequeue();
            }
            if (chronological) kept.AddRange(fromFile);
            else kept.AddRange(fromFile.Reverse());
            if (kept.Count >= wanted) break;
        }
        var lines = kept.Skip((page - 1) * PageSize).Take(PageSize).ToList();
        return new LogPage(lines, kept.Count > page * PageSize, bytes, files);
    }

    private sealed class Matcher(LogQuery query)
    {
        private readonly string? _text = query.Text?.Trim() is { Length: > 0 } t ? t : null;
        private readonly string? _request = query.RequestId?.Trim() is { Length: > 0 } r ? r : null;
        private readonly string? _user = query.User?.Trim() is { Length: > 0 } u ? u : null;
        private readonly int _level = (int)(query.Level ?? LogLevelFilter.Verbose);

        /// <summary>
        /// A cheap test on the raw line before it is parsed. Only for property values, which appear
        /// whole in the line; text may span the template and its values, so it is tested after rendering.
        /// </summary>
        public bool MayMatch(string raw) =>
            (_request is null || NeedsEscape(_request) || raw.Contains(_request, StringComparison.Ordinal))
            && (_user is null || NeedsEscape(_user) || raw.Contains(_user, StringComparison.OrdinalIgnoreCase));

        private static bool NeedsEscape(string s) => s.Any(c => c is '"' or '\\' or < ' ');

        public bool Matches(LogLine line) =>
            LevelRank(line.Level) >= _level
            && (_request is null || line.RequestId == _request)
            && (_user is null || line.UserName?.Contains(_user, StringComparison.OrdinalIgnoreCase) == true)
            && (_text is null || line.Message.Contains(_text, StringComparison.OrdinalIgnoreCase)
                || line.Exception?.Contains(_text, StringComparison.OrdinalIgnoreCase) == true
                || line.Source?.Contains(_text, StringComparison.OrdinalIgnoreCase) == true);
    }

    public static int LevelRank(string level) => Enum.TryParse<LogLevelFilter>(level, out var l) ? (int)l : (int)LogLevelFilter.Information;

    /// <summary>One CLEF line; a line cut short by a crash (or not JSON at all) is passed over.</summary>
    public static LogLine? Parse(string raw)
    {
        if (raw.Length == 0 || raw[0] != '{') return null;
        try
        {
            using var json = JsonDocument.Parse(raw);
            var root = json.RootElement;
            if (!root.TryGetProperty("@t", out var t) || !t.TryGetDateTimeOffset(out var timestamp)) return null;
            return new LogLine(
                timestamp.UtcDateTime,
                Text(root, "@l") ?? "Information", // CLEF leaves out Information, the commonest level
                Text(root, "@m") ?? Render(Text(root, "@mt") ?? "", root),
                Text(root, "@x"),
                Text(root, "RequestId"),
                Text(root, "UserName"),
                Text(root, "SourceContext"),
                Text(root, "RequestPath"));
        }
        catch (JsonException) { return null; }
    }

    private static readonly Serilog.Parsing.MessageTemplateParser Templates = new();

    /// <summary>The message as the text log shows it ({Message:lj}): values in place, strings without quotes.</summary>
    private static string Render(string template, JsonElement root)
    {
        var text = new System.Text.StringBuilder();
        foreach (var token in Templates.Parse(template).Tokens)
        {
            if (token is not Serilog.Parsing.PropertyToken property) { text.Append(token.ToString()); continue; }
            if (!root.TryGetProperty(property.PropertyName, out var value)) { text.Append(property.ToString()); continue; }
            text.Append(value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number when property.Format is { } format && value.TryGetDouble(out var number) =>
                    number.ToString(format, System.Globalization.CultureInfo.InvariantCulture),
                _ => value.GetRawText(),
            });
        }
        return text.ToString();
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.ToString() : null;
}
