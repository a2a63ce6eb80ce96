#!/usr/bin/python3
"""Writes Noto Sans CJK JP (Regular, Bold) from Debian's fonts-noto-cjk as small TrueType fonts.

Usage: make-font.py OUTPUT_FOLDER PAGE.html...

The Debian font is a collection (.ttc) of CFF outlines, which Chromium's PDF printer can only draw
as Type 3 glyph procedures, not embed as a font. So the font is cut down to the characters the
pages use and its outlines are converted to TrueType (quadratic) curves; Chromium then embeds it
as a subsetted TrueType font (FontFile2). Needs python3-fonttools.
"""
import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

NOTO = Path("/usr/share/fonts/opentype/noto")
FAMILY = "Noto Sans CJK JP"
WEIGHTS = {"Regular": NOTO / "NotoSansCJK-Regular.ttc", "Bold": NOTO / "NotoSansCJK-Bold.ttc"}


def open_face(collection: Path) -> TTFont:
    for index, font in enumerate(TTCollection(str(collection)).fonts):
        if font["name"].getDebugName(1) == FAMILY:
            return TTFont(str(collection), fontNumber=index)
    sys.exit(f"{FAMILY} is not in {collection} (apt-get install fonts-noto-cjk)")


def cff_to_truetype(font: TTFont) -> None:
    """fontTools' Snippets/otf2ttf.py: cubic CFF outlines to quadratic glyf outlines."""
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in glyph_order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = glyphs
    for table in ("CFF ", "VORG"):
        if table in font:
            del font[table]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        if hasattr(glyph, "xMin"):
            hmtx[name] = (hmtx[name][0], glyph.xMin)
    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    maxp.maxTwilightPoints = maxp.maxStorage = maxp.maxFunctionDefs = 0
    maxp.maxInstructionDefs = maxp.maxStackElements = maxp.maxSizeOfInstructions = 0
    maxp.maxComponentElements = 0
    maxp.compile(font)
    post = font["post"]
    post.formatType = 3.0
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


def main() -> None:
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    text = "".join(Path(page).read_text(encoding="utf-8") for page in sys.argv[2:])
    options = subset.Options()
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    for weight, collection in WEIGHTS.items():
        font = open_face(collection)
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=text)
        subsetter.subset(font)
        cff_to_truetype(font)
        target = out / f"NotoSansCJKjp-{weight}.ttf"
        font.save(str(target))
        print(f"{target.name}: {len(font.getGlyphOrder())} glyphs, {target.stat().st_size} bytes")


if __name__ == "__main__":
    main()
