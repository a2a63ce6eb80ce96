namespace Zaitaku.Core.Reading;

/// <summary>One word as the morphological analyser (MeCab) cut it: its text, and its reading in kana if it knows one.</summary>
public readonly record struct Morpheme(string Surface, string? Reading);

/// <summary>A piece of text to show, with the reading to put over it (hiragana), or none.</summary>
public readonly record struct RubyPart(string Text, string? Ruby);
