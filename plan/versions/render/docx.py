"""The plan document as DOCX (Word), from the same blocks as the ODT.

`plan.versions.render.outline.outline` lays the document out once; this module writes it
with python-docx: Word's own heading styles (« Titre 1 » in a French Word or
LibreOffice), a real table of contents field that Word and LibreOffice update (its
entries are written out, so that it shows before any update), and a page footer with
the plan, version, date, short hash and page numbers.
"""

from __future__ import annotations

import io
from functools import cache
from typing import Any

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml.ns import nsmap, qn
from docx.oxml.parser import oxml_parser
from docx.shared import Cm, Pt, RGBColor
from flask_babel import force_locale

from plan.versions.render import Document
from plan.versions.render.outline import (
    GENERATOR,
    TOC_LEVELS,
    Contents,
    Heading,
    ListBlock,
    Outline,
    Paragraph,
    Run,
    Table,
    clean,
    document_datetime,
    fixed_zip,
    outline,
)

_TEXT_WIDTH = Cm(17)
_TEXT_TWIPS = 9638  # 17 cm
_BLUE = RGBColor(0x1F, 0x3A, 0x5F)
_GREY = RGBColor(0x55, 0x55, 0x55)
_MONO = "Liberation Mono"
_DEEPEST_LIST = 3


@cache
def _clark(tag: str) -> tuple[str, dict[str, str]]:
    prefix, local = tag.split(":")
    return f"{{{nsmap[prefix]}}}{local}", {prefix: nsmap[prefix]}


def _element(tag: str, **attributes: str) -> Any:
    """An element of the document's XML (python-docx's OxmlElement, with names cached)."""
    name, namespaces = _clark(tag)
    return oxml_parser.makeelement(
        name, {_clark(key)[0]: value for key, value in attributes.items()}, nsmap=namespaces
    )


class _DocxWriter:
    def __init__(self, result: Outline, document: Document) -> None:
        self.outline = result
        self.document = document
        self.doc = docx.Document()
        self._numbering = self.doc.part.numbering_part.element
        self._abstract: dict[str, str] = {}
        self._next_num = 1 + max(
            int(num.get(qn("w:numId"))) for num in self._numbering.findall(qn("w:num"))
        )
        self._styles()
        self._page()
        self._metadata()
        body = self.doc.element.body
        # Blocks are appended before the section properties, which close the body.
        self._section = body.find(qn("w:sectPr"))
        self._body = body

    # ------------------------------------------------------------------ set up

    def _styles(self) -> None:
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.name = "Liberation Sans"
        normal.font.size = Pt(10.5)
        normal.paragraph_format.space_after = Pt(4)
        # The document is French: spelling, hyphenation and quotes follow.
        defaults = self.doc.styles.element.find(qn("w:docDefaults"))
        run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        language = run_defaults.find(qn("w:lang"))
        if language is None:
            language = _element("w:lang")
            run_defaults.append(language)
        language.set(qn("w:val"), "fr-FR")
        language.set(qn("w:eastAsia"), "fr-FR")
        for level, size in ((1, 20), (2, 16), (3, 13), (4, 11)):
            style = styles[f"Heading {level}"]
            style.font.size = Pt(size)
            style.font.color.rgb = _BLUE
            style.font.name = "Liberation Sans"
            style.font.italic = False
            style.paragraph_format.keep_with_next = True
            if level == 1:
                style.paragraph_format.page_break_before = True
        title = styles["Title"]
        title.font.size = Pt(26)
        title.font.color.rgb = _BLUE
        title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title.paragraph_format.space_before = Cm(6)
        subtitle = styles["Subtitle"]
        subtitle.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        subtitle.font.size = Pt(16)
        cover = styles.add_style("Cover", WD_STYLE_TYPE.PARAGRAPH)
        cover.base_style = normal
        cover.font.size = Pt(12)
        cover.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        cover.paragraph_format.space_after = Pt(8)
        note = styles.add_style("Note", WD_STYLE_TYPE.PARAGRAPH)
        note.base_style = normal
        note.font.italic = True
        note.font.color.rgb = _GREY
        code = styles.add_style("Code", WD_STYLE_TYPE.PARAGRAPH)
        code.base_style = normal
        code.font.name = _MONO
        code.font.size = Pt(9)
        toc_heading = styles["TOC Heading"]
        toc_heading.paragraph_format.page_break_before = True
        toc_heading.font.size = Pt(20)
        self.toc_styles: dict[int, Any] = {}
        for level in range(1, TOC_LEVELS + 1):
            # Word knows its table of contents levels by these names (« TM 1 » in French).
            style = styles.add_style(f"TOC {level}", WD_STYLE_TYPE.PARAGRAPH)
            style.element.find(qn("w:name")).set(qn("w:val"), f"toc {level}")
            style.base_style = normal
            style.paragraph_format.left_indent = Cm(0.5 * (level - 1))
            style.paragraph_format.space_after = Pt(2)
            style.paragraph_format.tab_stops.add_tab_stop(
                _TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
            )
            if level == 1:
                style.font.bold = True
            self.toc_styles[level] = style
        self.style_ids = {style.name: style.style_id for style in styles}
        self.style_ids.update({f"TOC {level}": s.style_id for level, s in self.toc_styles.items()})
        footer = styles["Footer"]
        footer.font.size = Pt(8)
        footer.font.color.rgb = _GREY
        footer.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        # Word refreshes the table of contents (its page numbers) when it opens the file.
        settings = self.doc.settings.element
        update = _element("w:updateFields", **{"w:val": "true"})
        compat = settings.find(qn("w:compat"))
        if compat is not None:
            compat.addprevious(update)
        else:
            settings.append(update)

    def _page(self) -> None:
        section = self.doc.sections[0]
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.top_margin, section.bottom_margin = Cm(2), Cm(1.8)
        section.left_margin = section.right_margin = Cm(2)
        # The cover has no footer; every other page says what it belongs to.
        section.different_first_page_header_footer = True
        paragraph = section.footer.paragraphs[0]
        paragraph.style = self.doc.styles["Footer"]
        paragraph.add_run(clean(self.outline.footer) + " · page ")
        self._field(paragraph, "PAGE", "1")
        paragraph.add_run(" / ")
        self._field(paragraph, "NUMPAGES", "1")

    def _field(self, paragraph: Any, instruction: str, shown: str) -> None:
        runs = [
            [_element("w:fldChar", **{"w:fldCharType": "begin"})],
            [_instruction(f" {instruction} ")],
            [_element("w:fldChar", **{"w:fldCharType": "separate"})],
            [_text(shown)],
            [_element("w:fldChar", **{"w:fldCharType": "end"})],
        ]
        for children in runs:
            run = _element("w:r")
            for child in children:
                run.append(child)
            paragraph._p.append(run)

    def _metadata(self) -> None:
        document = self.document
        properties = self.doc.core_properties
        properties.title = clean(self.outline.title)
        properties.subject = clean(self.outline.subject)
        properties.author = clean(self.outline.author)
        properties.last_modified_by = GENERATOR
        properties.keywords = clean(", ".join(k for k in self.outline.keywords if k))
        properties.comments = f"SHA-256 {document.sha256}"
        properties.identifier = document.sha256
        properties.language = "fr-FR"
        properties.category = "Plan stratégique territorial"
        properties.version = str(document.number)
        properties.content_status = clean(self.outline.status_label)
        properties.revision = max(document.number, 1)
        moment = document_datetime(document.date).replace(tzinfo=None)
        properties.created = moment
        properties.modified = moment

    # ------------------------------------------------------------------ blocks
    # Paragraphs and tables are built as XML and put before the section properties that
    # close the body: python-docx's own helpers look styles up by name and scan the body
    # at each call, which takes tens of seconds for a plan of a few hundred actions.

    def _new_paragraph(
        self, style: str | None = None, align: str | None = None, numbering: int | None = None
    ) -> Any:
        paragraph = _element("w:p")
        if style or align or numbering is not None:
            properties = _element("w:pPr")
            if style:
                properties.append(_element("w:pStyle", **{"w:val": self.style_ids[style]}))
            if numbering is not None:
                numbers = _element("w:numPr")
                numbers.append(_element("w:ilvl", **{"w:val": "0"}))
                numbers.append(_element("w:numId", **{"w:val": str(numbering)}))
                properties.append(numbers)
            if align:
                properties.append(_element("w:jc", **{"w:val": align}))
            paragraph.append(properties)
        self._section.addprevious(paragraph)
        return paragraph

    def _fill(self, paragraph: Any, runs: list[Run], size: int | None = None) -> None:
        for piece in runs:
            text = clean(piece.text)
            if text:
                paragraph.append(
                    _run(text, bold=piece.bold, italic=piece.italic, mono=piece.code, size=size)
                )

    def paragraph(self, block: Paragraph) -> None:
        styles = {
            "body": None,
            "title": "Title",
            "subtitle": "Subtitle",
            "cover": "Cover",
            "note": "Note",
            "quote": "Quote",
            "code": "Code",
        }
        self._fill(self._new_paragraph(styles.get(block.style)), block.runs)

    def heading(self, block: Heading) -> None:
        paragraph = self._new_paragraph(f"Heading {min(block.level, 9)}")
        name = _bookmark(block.anchor)
        paragraph.append(_element("w:bookmarkStart", **{"w:id": str(block.anchor), "w:name": name}))
        paragraph.append(_run(clean(block.text)))
        paragraph.append(_element("w:bookmarkEnd", **{"w:id": str(block.anchor)}))

    def _abstract_numbering(self, style: str) -> str:
        """The list definition a list style numbers its paragraphs with."""
        if style not in self._abstract:
            numbering = self.doc.styles[style].element.find(qn("w:pPr")).find(qn("w:numPr"))
            base = numbering.find(qn("w:numId")).get(qn("w:val"))
            source = next(
                num
                for num in self._numbering.findall(qn("w:num"))
                if num.get(qn("w:numId")) == base
            )
            self._abstract[style] = source.find(qn("w:abstractNumId")).get(qn("w:val"))
        return self._abstract[style]

    def _restart(self, style: str, start: int) -> int:
        """A new numbering instance for an ordered list, so that it starts again at 1."""
        number = self._next_num
        self._next_num += 1
        num = _element("w:num", **{"w:numId": str(number)})
        num.append(_element("w:abstractNumId", **{"w:val": self._abstract_numbering(style)}))
        override = _element("w:lvlOverride", **{"w:ilvl": "0"})
        override.append(_element("w:startOverride", **{"w:val": str(start)}))
        num.append(override)
        self._numbering.append(num)
        return number

    def list(self, block: ListBlock, depth: int = 1) -> None:
        level = min(depth, _DEEPEST_LIST)
        suffix = "" if level == 1 else f" {level}"
        style = f"List Number{suffix}" if block.ordered else f"List Bullet{suffix}"
        number = self._restart(style, block.start) if block.ordered else None
        for item in block.items:
            first = True
            for child in item:
                if isinstance(child, ListBlock):
                    self.list(child, depth + 1)
                elif isinstance(child, Table):
                    self.table(child)
                elif first:
                    self._fill(self._new_paragraph(style, numbering=number), child.runs)
                    first = False
                else:
                    self._fill(self._new_paragraph(f"List Continue{suffix}"), child.runs)

    def table(self, block: Table) -> None:
        width = len(block.header)
        weights = [
            1 if column in block.numeric else (3 if column == 0 else 2) for column in range(width)
        ]
        widths = [_TEXT_TWIPS * weight // sum(weights) for weight in weights]
        table = _element("w:tbl")
        properties = _element("w:tblPr")
        properties.append(_element("w:tblStyle", **{"w:val": self.style_ids["Table Grid"]}))
        properties.append(_element("w:tblW", **{"w:w": str(sum(widths)), "w:type": "dxa"}))
        properties.append(_element("w:jc", **{"w:val": "center"}))
        properties.append(_element("w:tblLayout", **{"w:type": "fixed"}))
        properties.append(
            _element(
                "w:tblLook",
                **{"w:val": "04A0", "w:firstRow": "1", "w:lastRow": "0", "w:firstColumn": "1"},
            )
        )
        table.append(properties)
        grid = _element("w:tblGrid")
        for twips in widths:
            grid.append(_element("w:gridCol", **{"w:w": str(twips)}))
        table.append(grid)
        rows = [block.header, *block.rows, *([block.footer] if block.footer else [])]
        last = len(rows) - 1
        for index, values in enumerate(rows):
            row = _element("w:tr")
            if index == 0:
                # The header row repeats at the top of each page the table spans.
                row_properties = _element("w:trPr")
                row_properties.append(_element("w:tblHeader"))
                row.append(row_properties)
            strong = index == 0 or (block.footer is not None and index == last)
            for column in range(width):
                cell = _element("w:tc")
                cell_properties = _element("w:tcPr")
                cell_properties.append(
                    _element("w:tcW", **{"w:w": str(widths[column]), "w:type": "dxa"})
                )
                if index == 0:
                    cell_properties.append(
                        _element(
                            "w:shd", **{"w:val": "clear", "w:color": "auto", "w:fill": "E8EDF3"}
                        )
                    )
                cell.append(cell_properties)
                paragraph = _element("w:p")
                paragraph_properties = _element("w:pPr")
                paragraph_properties.append(_element("w:spacing", **{"w:after": "0"}))
                if column in block.numeric:
                    paragraph_properties.append(_element("w:jc", **{"w:val": "right"}))
                paragraph.append(paragraph_properties)
                text = clean(values[column]) if column < len(values) else ""
                if text:
                    paragraph.append(_run(text, bold=strong, size=19))
                cell.append(paragraph)
                row.append(cell)
            table.append(row)
        self._section.addprevious(table)
        # A little air after the table.
        self._new_paragraph()

    def contents(self, block: Contents) -> None:
        """A TOC field over heading levels 1 to 3, its current result written out."""
        self._new_paragraph("TOC Heading").append(_run(clean(block.title)))
        entries = block.entries or [Heading(1, "Mettre à jour la table des matières", 0)]
        for position, entry in enumerate(entries):
            p = self._new_paragraph(f"TOC {min(entry.level, TOC_LEVELS)}")
            if position == 0:
                for child in (
                    _element("w:fldChar", **{"w:fldCharType": "begin"}),
                    _instruction(f' TOC \\o "1-{TOC_LEVELS}" \\h \\z \\u '),
                    _element("w:fldChar", **{"w:fldCharType": "separate"}),
                ):
                    run = _element("w:r")
                    run.append(child)
                    p.append(run)
            if entry.anchor:
                link = _element(
                    "w:hyperlink", **{"w:anchor": _bookmark(entry.anchor), "w:history": "1"}
                )
                link.append(_run(clean(entry.text)))
                p.append(link)
            else:
                p.append(_run(entry.text))
            if position == len(entries) - 1:
                run = _element("w:r")
                run.append(_element("w:fldChar", **{"w:fldCharType": "end"}))
                p.append(run)

    def write(self) -> bytes:
        for block in self.outline.blocks:
            if isinstance(block, Heading):
                self.heading(block)
            elif isinstance(block, Paragraph):
                self.paragraph(block)
            elif isinstance(block, ListBlock):
                self.list(block)
            elif isinstance(block, Table):
                self.table(block)
            elif isinstance(block, Contents):
                self.contents(block)
        output = io.BytesIO()
        self.doc.save(output)
        return fixed_zip(output.getvalue(), self.document.date)


def _run(
    text: str, *, bold: bool = False, italic: bool = False, mono: bool = False, size: int = 0
) -> Any:
    """A run of text; "\\n" becomes a line break and "\\t" a tab. `size` in half points."""
    run = _element("w:r")
    if bold or italic or mono or size:
        properties = _element("w:rPr")
        if mono:
            properties.append(
                _element("w:rFonts", **{"w:ascii": _MONO, "w:hAnsi": _MONO, "w:cs": _MONO})
            )
        if bold:
            properties.append(_element("w:b"))
        if italic:
            properties.append(_element("w:i"))
        if size:
            properties.append(_element("w:sz", **{"w:val": str(size)}))
        run.append(properties)
    for number, line in enumerate(text.split("\n")):
        if number:
            run.append(_element("w:br"))
        for position, piece in enumerate(line.split("\t")):
            if position:
                run.append(_element("w:tab"))
            if piece:
                run.append(_text(piece))
    return run


def _bookmark(anchor: int) -> str:
    return f"_Toc{anchor:06d}"


def _text(value: str) -> Any:
    element = _element("w:t")
    element.text = value
    element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return element


def _instruction(value: str) -> Any:
    element = _element("w:instrText")
    element.text = value
    element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return element


def render_docx(document: Document) -> bytes:
    """The whole plan document as DOCX."""
    result = outline(document)
    with force_locale("fr"):
        return _DocxWriter(result, document).write()
