using UglyToad.PdfPig;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Tokens;

namespace Zaitaku.Infrastructure.Media;

/// <summary>
/// Finds what a plain document may not hold: anything that runs, opens, sends or carries other files.
/// The file is read as a reader reads it: names come from PdfPig's tokenizer with their #xx escapes
/// decoded (/Laun#63h is /Launch), indirect references are followed, and objects inside object streams
/// are read through the cross-reference stream. What may appear is listed (action types, annotation
/// types, name trees, link schemes); anything else is refused, so a kind of active content nobody
/// thought of is refused too.
/// </summary>
public static class PdfActiveContent
{
    /// <summary>Moving inside the document or to a web page; nothing that runs, opens a file or sends data.</summary>
    private static readonly HashSet<string> AllowedActions = ["GoTo", "URI", "Named", "Thread"];

    /// <summary>Links, notes and markup a reviewer adds; not sound, video, 3D, rich media or attached files.</summary>
    private static readonly HashSet<string> AllowedAnnotations =
    [
        "Link", "Text", "Popup", "FreeText", "Line", "Square", "Circle", "Polygon", "PolyLine", "Highlight",
        "Underline", "Squiggly", "StrikeOut", "Caret", "Ink", "Stamp", "Widget", "PrinterMark", "TrapNet", "Watermark",
    ];

    /// <summary>The catalog's name trees a plain document uses: named destinations and appearance streams.</summary>
    private static readonly HashSet<string> AllowedNameTrees = ["Dests", "AP"];

    private static readonly string[] AllowedSchemes = ["http:", "https:", "mailto:", "tel:"];

    /// <summary>Keys that only ever carry scripts, event actions, attached files or XFA forms.</summary>
    private static readonly Dictionary<string, string> RefusedKeys = new()
    {
        ["JS"] = "JavaScript",
        ["JavaScript"] = "JavaScript",
        ["AA"] = "開いたときなどに自動で動く設定",
        ["EmbeddedFiles"] = "埋め込まれたファイル",
        ["EF"] = "埋め込まれたファイル",
        ["RichMediaContent"] = "動画などのリッチメディア",
        ["XFA"] = "XFA フォーム",
    };

    /// <returns>What was found, in words for the editor, or null for a plain document.</returns>
    public static string? Find(PdfDocument document)
    {
        var structure = document.Structure;
        var catalog = structure.Catalog.CatalogDictionary;
        if (Resolve(structure, catalog.Data.GetValueOrDefault("OpenAction")) is DictionaryToken openAction
            && Name(structure, openAction, "S") is { } openType && openType != "GoTo")
            return AllowedActions.Contains(openType) ? "開いたときに自動で動く設定（" + openType + "）" : ActionWords(openType);
        if (Resolve(structure, catalog.Data.GetValueOrDefault("Names")) is DictionaryToken names
            && names.Data.Keys.FirstOrDefault(k => !AllowedNameTrees.Contains(k)) is { } tree)
            return tree switch
            {
                "EmbeddedFiles" => "埋め込まれたファイル",
                "JavaScript" => "JavaScript",
                _ => "文書に付いた「" + tree + "」の一覧",
            };

        // Every object the cross-reference lists, those in object streams included; then the tree
        // from the catalog, where each dictionary is judged by the key that leads to it (an action
        // is whatever /A, /OpenAction or /Next hold).
        var listed = new HashSet<IndirectReference>();
        foreach (var reference in structure.CrossReferenceTable.ObjectOffsets.Keys)
        {
            if (Visit(structure, new IndirectReferenceToken(reference), listed, 0, null) is { } found) return found;
        }
        return Visit(structure, catalog, [], 0, null);
    }

    private static readonly HashSet<string> ActionKeys = ["A", "OpenAction", "Next", "PA"];

    private static string? Visit(Structure structure, IToken? token, HashSet<IndirectReference> seen, int depth, string? key)
    {
        if (token is null || depth > 64) return null;
        if (token is IndirectReferenceToken reference)
        {
            if (!seen.Add(reference.Data)) return null;
            token = structure.GetObject(reference.Data).Data;
        }
        switch (token)
        {
            case StreamToken stream:
                return Visit(structure, stream.StreamDictionary, seen, depth + 1, key);
            case ArrayToken array:
                foreach (var item in array.Data)
                {
                    // /Next may hold an array of actions.
                    if (Visit(structure, item, seen, depth + 1, key) is { } found) return found;
                }
                return null;
            case DictionaryToken dictionary:
                if (Judge(structure, dictionary, key is not null && ActionKeys.Contains(key)) is { } problem) return problem;
                foreach (var (childKey, value) in dictionary.Data)
                {
                    if (Visit(structure, value, seen, depth + 1, childKey) is { } found) return found;
                }
                return null;
            default:
                return null;
        }
    }

    private static string? Judge(Structure structure, DictionaryToken dictionary, bool heldAsAction)
    {
        foreach (var key in dictionary.Data.Keys)
        {
            if (RefusedKeys.TryGetValue(key, out var what)) return what;
        }
        var type = Name(structure, dictionary, "Type");
        if (type is "EmbeddedFile" or "Filespec") return "ほかのファイルへの参照や埋め込まれたファイル";
        // /S names many things (a border style, a structure element, a soft mask); it is an action's
        // type where the dictionary says it is an action or sits where an action goes.
        if ((type == "Action" || heldAsAction) && Name(structure, dictionary, "S") is { } action)
        {
            if (!AllowedActions.Contains(action)) return ActionWords(action);
            if (action == "URI" && !IsAllowedLink(Resolve(structure, dictionary.Data.GetValueOrDefault("URI"))))
                return "ウェブページ以外を開くリンク";
        }
        if (dictionary.Data.ContainsKey("Rect") && Name(structure, dictionary, "Subtype") is { } subtype
            && (type is null or "Annot") && !AllowedAnnotations.Contains(subtype))
            return subtype == "FileAttachment" ? "埋め込まれたファイル" : "ページに置かれた「" + subtype + "」";
        return null;
    }

    private static string ActionWords(string action) => action switch
    {
        "JavaScript" => "JavaScript",
        "Launch" => "ほかのアプリを起動する設定",
        "GoToE" or "GoToR" => "ほかのファイルや埋め込まれたファイルを開く設定",
        "SubmitForm" => "入力内容をどこかへ送信する設定",
        "ImportData" => "外からデータを読み込む設定",
        _ => "「" + action + "」という動作",
    };

    private static bool IsAllowedLink(IToken? uri)
    {
        var text = uri switch { StringToken s => s.Data, HexToken h => h.Data, _ => null };
        return text is not null && AllowedSchemes.Any(s => text.TrimStart().StartsWith(s, StringComparison.OrdinalIgnoreCase));
    }

    private static string? Name(Structure structure, DictionaryToken dictionary, string key) =>
        Resolve(structure, dictionary.Data.GetValueOrDefault(key)) as NameToken is { } name ? name.Data : null;

    private static IToken? Resolve(Structure structure, IToken? token)
    {
        for (var hops = 0; token is IndirectReferenceToken reference && hops < 8; hops++)
            token = structure.GetObject(reference.Data).Data;
        return token;
    }
}
