using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Zaitaku.Web.Forms;

/// <summary>
/// A form post read by us, as a stream, whatever its size: the fields we asked for are kept (each up to
/// <see cref="ValueLimit"/> bytes), everything else is read and dropped, and the whole length is counted. So a post
/// of any size can be answered with the form and what was typed in it (413), where ASP.NET's own form reader stops
/// at its limits (4 MB per value, Umbraco's 50 MB per request) with an exception and nothing read.
/// </summary>
public sealed class PostedForm
{
    /// <summary>
    /// Bytes kept of one value as sent (URL-encoded Japanese takes 9 bytes a character): the longest answer a form
    /// takes (4,000 characters) fits, and a longer one is cut here rather than held whole in memory.
    /// </summary>
    public const int ValueLimit = 64 * 1024;

    private const int KeyLimit = 256;

    /// <summary>All kept values together: a post of many fields each at the limit is still bounded in memory.</summary>
    public const int KeptLimit = 2 * 1024 * 1024;

    private long _kept;

    /// <summary>The body could not be read as the form its content type says (a broken multipart, a dropped connection).</summary>
    public bool Unreadable { get; private set; }

    private static readonly object ItemKey = new();

    /// <summary>The post read before routing by <see cref="PostedFormMiddleware"/>, if this request is a form post to us.</summary>
    public static PostedForm? Of(HttpContext context) => context.Items.TryGetValue(ItemKey, out var posted) ? posted as PostedForm : null;

    internal void AttachTo(HttpContext context) => context.Items[ItemKey] = this;

    internal static PostedForm Broken() => new() { Unreadable = true };

    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);

    /// <summary>The body's length in bytes, as read.</summary>
    public long Length { get; private set; }

    /// <summary>A value longer than <see cref="ValueLimit"/> was cut.</summary>
    public bool Cut { get; private set; }

    public IReadOnlyList<string> this[string key] => _values.TryGetValue(key, out var v) ? v : [];

    public string? First(string key) => _values.TryGetValue(key, out var v) && v.Count > 0 ? v[0] : null;

    /// <summary>The kept fields as ASP.NET's form, so antiforgery validation reads them without reading the body again.</summary>
    public void UseAsRequestForm(HttpContext context) =>
        context.Features.Set<IFormFeature>(new FormFeature(new FormCollection(
            _values.ToDictionary(p => p.Key, p => new StringValues(p.Value.ToArray()), StringComparer.Ordinal))));

    /// <summary>Reads the whole body (URL-encoded or multipart), keeping the fields <paramref name="keep"/> names.</summary>
    /// <exception cref="InvalidDataException">The body is not the form its content type says.</exception>
    public static async Task<PostedForm> ReadAsync(HttpRequest request, Func<string, bool> keep, CancellationToken ct)
    {
        var posted = new PostedForm();
        var contentType = MediaTypeHeaderValue.Parse(request.ContentType);
        if (contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            await posted.ReadMultipartAsync(request.Body, HeaderUtilities.RemoveQuotes(contentType.Boundary).Value, keep, ct);
        else
            await posted.ReadUrlEncodedAsync(request.Body, keep, ct);
        return posted;
    }

    private void Add(string key, string value)
    {
        if (_kept + value.Length > KeptLimit) { Cut = true; return; }
        _kept += value.Length;
        if (!_values.TryGetValue(key, out var list)) _values[key] = list = [];
        list.Add(value);
    }

    private async Task ReadUrlEncodedAsync(Stream body, Func<string, bool> keep, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        var key = new ArrayBufferWriter<byte>(64);
        var value = new ArrayBufferWriter<byte>(256);
        var inValue = false;
        var keyTooLong = false;
        var valueCut = false;
        void Finish()
        {
            if ((key.WrittenCount > 0 || inValue) && !keyTooLong)
            {
                var name = Decode(key.WrittenSpan);
                if (keep(name))
                {
                    Add(name, Decode(value.WrittenSpan));
                    Cut |= valueCut;
                }
            }
            key.Clear(); value.Clear(); inValue = false; keyTooLong = false; valueCut = false;
        }
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(), ct)) > 0)
            {
                Length += read;
                var span = buffer.AsSpan(0, read);
                while (true)
                {
                    var at = inValue ? span.IndexOf((byte)'&') : span.IndexOfAny((byte)'&', (byte)'=');
                    var piece = at < 0 ? span : span[..at];
                    if (!inValue) keyTooLong |= !Append(key, piece, KeyLimit);
                    else valueCut |= !Append(value, piece, ValueLimit);
                    if (at < 0) break;
                    if (span[at] == (byte)'&') Finish(); else inValue = true;
                    span = span[(at + 1)..];
                }
            }
            Finish();
        }
        finally { ArrayPool<byte>.Shared.Return(buffer); }
    }

    /// <summary>Appends up to the limit; false when something had to be left out.</summary>
    private static bool Append(ArrayBufferWriter<byte> to, ReadOnlySpan<byte> piece, int limit)
    {
        var room = limit - to.WrittenCount;
        if (piece.Length <= room) { to.Write(piece); return true; }
        if (room > 0) to.Write(piece[..room]);
        return false;
    }

    private async Task ReadMultipartAsync(Stream body, string? boundary, Func<string, bool> keep, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(boundary)) throw new InvalidDataException("multipart without a boundary");
        var counted = new CountingStream(body);
        var reader = new MultipartReader(boundary, counted) { BodyLengthLimit = null };
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                var disposition = section.GetContentDispositionHeader();
                var name = disposition?.Name.HasValue == true ? HeaderUtilities.RemoveQuotes(disposition.Name).Value : null;
                var isFile = disposition?.FileName.HasValue == true || disposition?.FileNameStar.HasValue == true;
                var kept = new ArrayBufferWriter<byte>(256);
                var cut = false;
                int read;
                while ((read = await section.Body.ReadAsync(buffer.AsMemory(), ct)) > 0)
                {
                    if (isFile || name is null) continue;
                    var room = ValueLimit - kept.WrittenCount;
                    if (room > 0) kept.Write(buffer.AsSpan(0, Math.Min(room, read)));
                    if (read > room) cut = true;
                }
                if (!isFile && name is not null && keep(name))
                {
                    Add(name, Utf8(kept.WrittenSpan));
                    Cut |= cut;
                }
            }
            // Whatever follows the last boundary is still part of the request: read it, so the answer is received.
            while (await counted.ReadAsync(buffer.AsMemory(), ct) > 0) { }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            Length = counted.Count;
        }
    }

    /// <summary>application/x-www-form-urlencoded: '+' is a space, %XX a byte; the bytes are UTF-8.</summary>
    private static string Decode(ReadOnlySpan<byte> raw)
    {
        var bytes = new byte[raw.Length];
        var n = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            var b = raw[i];
            if (b == (byte)'+') bytes[n++] = (byte)' ';
            else if (b == (byte)'%' && i + 2 < raw.Length && IsHex(raw[i + 1]) && IsHex(raw[i + 2]))
            {
                bytes[n++] = (byte)(Hex(raw[i + 1]) * 16 + Hex(raw[i + 2]));
                i += 2;
            }
            else bytes[n++] = b;
        }
        return Utf8(bytes.AsSpan(0, n));
    }

    /// <summary>UTF-8 text; a character cut in half at the limit is dropped rather than shown as a replacement sign.</summary>
    private static string Utf8(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes).TrimEnd('\uFFFD');

    private static bool IsHex(byte b) => b is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';

    private static int Hex(byte b) => b <= (byte)'9' ? b - '0' : (b | 0x20) - 'a' + 10;

    private sealed class CountingStream(Stream inner) : Stream
    {
        public long Count { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Count; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) { var n = inner.Read(buffer, offset, count); Count += n; return n; }
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = await inner.ReadAsync(buffer, cancellationToken);
            Count += n;
            return n;
        }
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
