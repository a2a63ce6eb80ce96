using System.Runtime.InteropServices;
using System.Text;
using Zaitaku.Core.Reading;

namespace Zaitaku.Infrastructure.Reading;

/// <summary>
/// MeCab's C library (Debian's libmecab2) called in process, with the IPA dictionary
/// (mecab-ipadic-utf8), whose 8th feature is the reading in katakana. Chosen over running the
/// <c>mecab</c> program, which costs a process start per call (docs/benchmarks.md, ふりがな).
/// One tagger is not safe for two threads at once, so calls take turns; each takes microseconds.
/// </summary>
public sealed class MecabTagger : IDisposable
{
    /// <summary>Where Debian installs the dictionary this class reads the features of.</summary>
    public const string DebianIpadic = "/var/lib/mecab/dic/ipadic-utf8";
    /// <summary>Longer lines are cut at sentence ends first: MeCab's lattice grows with the line.</summary>
    private const int MaxLine = 2000;

    private static readonly string[] LibraryNames = ["libmecab.so.2", "libmecab.so", "libmecab.dylib", "libmecab.dll"];

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr NewDelegate([MarshalAs(UnmanagedType.LPUTF8Str)] string arg);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr ParseDelegate(IntPtr mecab, byte[] text, UIntPtr length);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void DestroyDelegate(IntPtr mecab);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr StrErrorDelegate(IntPtr mecab);

    private readonly IntPtr _library;
    private readonly ParseDelegate _parse;
    private readonly DestroyDelegate _destroy;
    private readonly System.Threading.Lock _lock = new();
    private IntPtr _mecab;

    private MecabTagger(IntPtr library, IntPtr mecab, ParseDelegate parse, DestroyDelegate destroy)
    {
        _library = library;
        _mecab = mecab;
        _parse = parse;
        _destroy = destroy;
    }

    /// <summary>Opens MeCab with the IPA dictionary, or says in <paramref name="problem"/> why it cannot.</summary>
    /// <param name="dictionary">The dictionary folder; null for Debian's IPA dictionary in UTF-8.</param>
    public static MecabTagger? TryOpen(string? dictionary, out string? problem)
    {
        dictionary ??= DebianIpadic;
        IntPtr library = IntPtr.Zero;
        foreach (var name in LibraryNames)
            if (NativeLibrary.TryLoad(name, typeof(MecabTagger).Assembly, null, out library)) break;
        if (library == IntPtr.Zero)
        {
            problem = "MeCab のライブラリ（libmecab.so.2）が見つかりません。Debian では apt-get install libmecab2 mecab-ipadic-utf8 で入ります";
            return null;
        }
        if (!Directory.Exists(dictionary) || !File.Exists(Path.Combine(dictionary, "sys.dic")))
        {
            problem = $"MeCab の辞書が {dictionary} にありません（mecab-ipadic-utf8）";
            NativeLibrary.Free(library);
            return null;
        }
        try
        {
            var create = Marshal.GetDelegateForFunctionPointer<NewDelegate>(NativeLibrary.GetExport(library, "mecab_new2"));
            var parse = Marshal.GetDelegateForFunctionPointer<ParseDelegate>(NativeLibrary.GetExport(library, "mecab_sparse_tostr2"));
            var destroy = Marshal.GetDelegateForFunctionPointer<DestroyDelegate>(NativeLibrary.GetExport(library, "mecab_destroy"));
            // Start and end byte offsets, then the reading: the surface is taken from the input by offset,
            // so the spaces MeCab skips are kept. -r /dev/null: the dictionary named here, not mecabrc's.
            var mecab = create($"-r /dev/null -d {dictionary} -F%ps\\t%pe\\t%f[7]\\n -U%ps\\t%pe\\t\\n -E\\n");
            if (mecab == IntPtr.Zero)
            {
                problem = $"MeCab を辞書 {dictionary} で開けませんでした";
                NativeLibrary.Free(library);
                return null;
            }
            problem = null;
            return new MecabTagger(library, mecab, parse, destroy);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or ArgumentException or InvalidOperationException)
        {
            problem = "MeCab のライブラリが想定と違います：" + e.Message;
            NativeLibrary.Free(library);
            return null;
        }
    }

    /// <summary>The text cut into words, each with its reading in katakana (null where MeCab does not know the word).</summary>
    public IReadOnlyList<Morpheme> Analyze(string text)
    {
        var result = new List<Morpheme>();
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0) end = text.Length;
            for (var from = start; from < end;)
            {
                var to = Math.Min(end, from + MaxLine);
                if (to < end && text.LastIndexOf('。', to - 1, to - from) is var stop and > 0 && stop > from) to = stop + 1;
                AnalyzeLine(text[from..to], result);
                from = to;
            }
            if (end < text.Length) result.Add(new Morpheme("\n", null));
            start = end + 1;
        }
        return result;
    }

    private void AnalyzeLine(string line, List<Morpheme> into)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        string output;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_mecab == IntPtr.Zero, this);
            var p = _parse(_mecab, bytes, (UIntPtr)bytes.Length);
            output = p == IntPtr.Zero ? "" : Marshal.PtrToStringUTF8(p) ?? "";
        }
        var position = 0;
        foreach (var row in output.Split('\n'))
        {
            var fields = row.Split('\t');
            if (fields.Length < 3 || !int.TryParse(fields[0], out var from) || !int.TryParse(fields[1], out var to)
                || from < position || to > bytes.Length || to < from) continue;
            // What MeCab skipped (spaces) goes through as it was.
            if (from > position) into.Add(new Morpheme(Encoding.UTF8.GetString(bytes, position, from - position), null));
            into.Add(new Morpheme(Encoding.UTF8.GetString(bytes, from, to - from), fields[2].Length == 0 ? null : fields[2]));
            position = to;
        }
        if (position < bytes.Length) into.Add(new Morpheme(Encoding.UTF8.GetString(bytes, position, bytes.Length - position), null));
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_mecab == IntPtr.Zero) return;
            _destroy(_mecab);
            _mecab = IntPtr.Zero;
            NativeLibrary.Free(_library);
        }
    }
}
