"""The plan document as OpenDocument text (ODT), the public sector's office format: the
blocks of `plan.versions.render.outline`, written with odfpy."""

from __future__ import annotations

import io
import threading
from typing import Any

from flask_babel import force_locale
from odf import dc, meta, teletype
from odf import namespaces as ns
from odf.element import Element
from odf.namespaces import STYLENS
from odf.opendocument import OpenDocumentText
from odf.style import (
    DefaultStyle,
    Footer,
    FooterStyle,
    HeaderFooterProperties,
    ListLevelProperties,
    MasterPage,
    PageLayout,
    PageLayoutProperties,
    ParagraphProperties,
    Style,
    TableCellProperties,
    TableColumnProperties,
    TableProperties,
    TabStop,
    TabStops,
    TextProperties,
)
from odf.table import Table as OdfTable
from odf.table import TableCell, TableColumn, TableHeaderRows, TableRow
from odf.text import (
    A,
    BookmarkEnd,
    BookmarkStart,
    H,
    IndexBody,
    IndexEntryLinkEnd,
    IndexEntryLinkStart,
    IndexEntryPageNumber,
    IndexEntryTabStop,
    IndexEntryText,
    IndexTitle,
    IndexTitleTemplate,
    List,
    ListItem,
    ListLevelStyleBullet,
    ListLevelStyleNumber,
    ListStyle,
    OutlineLevelStyle,
    OutlineStyle,
    P,
    PageCount,
    PageNumber,
    Span,
    TableOfContent,
    TableOfContentEntryTemplate,
    TableOfContentSource,
)

from plan.versions.render import Document
from plan.versions.render.outline import (
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

# --------------------------------------------------------------------------- ODT

_CM_TEXT_WIDTH = 17.0


class _OdtWriter:
    def __init__(self, result: Outline, document: Document) -> None:
        self.outline = result
        self.document = document
        self.doc = OpenDocumentText()
        self._skip_style_scan()
        self.tables = 0
        self.column_styles: dict[float, Style] = {}
        self._styles()
        self._metadata()

    def _skip_style_scan(self) -> None:
        """odfpy walks every element of the body, on saving, to keep only the automatic
        styles in use: a third of the time for a large plan. This writer only makes styles
        it uses, so content.xml takes them all (page layouts go to styles.xml, as before)."""
        scan = self.doc._used_auto_styles
        page_layout = (STYLENS, "page-layout")

        def used_automatic_styles(segments: list[Any]) -> list[Any]:
            if segments and segments[0] is self.doc.masterstyles:
                return scan(segments)
            return [e for e in self.doc.automaticstyles.childNodes if e.qname != page_layout]

        self.doc._used_auto_styles = used_automatic_styles

    # ------------------------------------------------------------------ styles

    def _styles(self) -> None:
        doc = self.doc
        styles = doc.styles
        default = DefaultStyle(family="paragraph")
        default.addElement(
            TextProperties(
                fontfamily="'Liberation Sans', Arial, sans-serif",
                fontsize="10.5pt",
                language="fr",
                country="FR",
            )
        )
        default.addElement(ParagraphProperties(orphans="2", widows="2"))
        styles.addElement(default)

        def paragraph_style(
            name: str, display: str, parent: Style | None = None, **kw: Any
        ) -> Style:
            style = Style(name=name, displayname=display, family="paragraph")
            if parent is not None:
                style.setAttribute("parentstylename", parent)
            for key in ("next",):
                if key in kw:
                    style.setAttribute("nextstylename", kw.pop(key))
            if "outline" in kw:
                style.setAttribute("defaultoutlinelevel", str(kw.pop("outline")))
            paragraph = kw.pop("paragraph", None)
            text = kw.pop("text", None)
            if paragraph:
                style.addElement(ParagraphProperties(**paragraph))
            if text:
                style.addElement(TextProperties(**text))
            styles.addElement(style)
            return style

        self.standard = paragraph_style("Standard", "Default Paragraph Style")
        self.body = paragraph_style(
            "Text_20_body",
            "Text body",
            self.standard,
            paragraph={"margintop": "0cm", "marginbottom": "0.2cm", "lineheight": "115%"},
        )
        heading = paragraph_style(
            "Heading",
            "Heading",
            self.standard,
            next="Text_20_body",
            paragraph={"margintop": "0.42cm", "marginbottom": "0.21cm", "keepwithnext": "always"},
            text={"fontsize": "14pt", "color": "#1f3a5f"},
        )
        sizes = {1: "20pt", 2: "16pt", 3: "13pt", 4: "11pt"}
        self.headings: dict[int, Style] = {}
        for level, size in sizes.items():
            paragraph: dict[str, str] = {"keepwithnext": "always"}
            if level == 1:
                paragraph["breakbefore"] = "page"
            self.headings[level] = paragraph_style(
                f"Heading_20_{level}",
                f"Heading {level}",
                heading,
                next="Text_20_body",
                outline=level,
                paragraph=paragraph,
                text={"fontsize": size, "fontweight": "bold"},
            )
        self.title = paragraph_style(
            "Title",
            "Title",
            heading,
            next="Subtitle",
            paragraph={"textalign": "center", "margintop": "6cm", "marginbottom": "0.6cm"},
            text={"fontsize": "26pt", "fontweight": "bold"},
        )
        self.subtitle = paragraph_style(
            "Subtitle",
            "Subtitle",
            heading,
            next="Text_20_body",
            paragraph={"textalign": "center", "marginbottom": "1.2cm"},
            text={"fontsize": "16pt"},
        )
        self.cover = paragraph_style(
            "Cover",
            "Cover",
            self.standard,
            paragraph={"textalign": "center", "marginbottom": "0.3cm"},
            text={"fontsize": "12pt"},
        )
        self.note = paragraph_style(
            "Note",
            "Note",
            self.body,
            text={"fontstyle": "italic", "color": "#555555"},
        )
        self.quote = paragraph_style(
            "Quotations",
            "Quotations",
            self.body,
            paragraph={"marginleft": "1cm", "marginright": "1cm"},
            text={"fontstyle": "italic"},
        )
        self.code = paragraph_style(
            "Preformatted_20_Text",
            "Preformatted Text",
            self.standard,
            paragraph={"marginbottom": "0.2cm"},
            text={"fontfamily": "'Liberation Mono', monospace", "fontsize": "9pt"},
        )
        self.list_paragraph = paragraph_style(
            "List_20_Contents", "List Contents", self.body, paragraph={"marginbottom": "0.1cm"}
        )
        self.table_contents = paragraph_style(
            "Table_20_Contents", "Table Contents", self.standard, text={"fontsize": "9.5pt"}
        )
        self.table_heading = paragraph_style(
            "Table_20_Heading",
            "Table Heading",
            self.table_contents,
            text={"fontweight": "bold", "fontsize": "9.5pt"},
        )
        self.footer_style = paragraph_style(
            "Footer",
            "Footer",
            self.standard,
            paragraph={"textalign": "center"},
            text={"fontsize": "8pt", "color": "#555555"},
        )
        contents_heading = paragraph_style(
            "Contents_20_Heading",
            "Contents Heading",
            heading,
            paragraph={"breakbefore": "page"},
            text={"fontsize": "20pt", "fontweight": "bold"},
        )
        self.contents_heading = contents_heading
        self.contents: dict[int, Style] = {}
        for level in range(1, TOC_LEVELS + 1):
            style = Style(
                name=f"Contents_20_{level}",
                displayname=f"Contents {level}",
                family="paragraph",
                parentstylename="Standard",
            )
            properties = ParagraphProperties(
                marginleft=f"{0.5 * (level - 1):.1f}cm", marginbottom="0.1cm"
            )
            stops = TabStops()
            stops.addElement(
                TabStop(
                    position=f"{_CM_TEXT_WIDTH - 0.5 * (level - 1):.1f}cm",
                    type="right",
                    leaderstyle="dotted",
                    leadertext=".",
                )
            )
            properties.addElement(stops)
            style.addElement(properties)
            if level == 1:
                style.addElement(TextProperties(fontweight="bold"))
            styles.addElement(style)
            self.contents[level] = style

        self.index_link = Style(name="Index_20_Link", displayname="Index Link", family="text")
        self.index_link.addElement(TextProperties(textunderlinestyle="none", color="#000000"))
        styles.addElement(self.index_link)

        outline_style = OutlineStyle(name="Outline")
        for level in range(1, 11):
            level_style = OutlineLevelStyle(level=level, numformat="")
            level_style.addElement(
                ListLevelProperties(listlevelpositionandspacemode="label-alignment")
            )
            outline_style.addElement(level_style)
        styles.addElement(outline_style)

        bullets = ListStyle(name="List_20_Bullet", displayname="List Bullet")
        numbers = ListStyle(name="List_20_Number", displayname="List Number")
        for level in range(1, 6):
            bullet = ListLevelStyleBullet(level=level, bulletchar="•–◦–◦"[level - 1])
            bullet.addElement(
                ListLevelProperties(spacebefore=f"{0.6 * (level - 1):.1f}cm", minlabelwidth="0.6cm")
            )
            bullets.addElement(bullet)
            number = ListLevelStyleNumber(level=level, numformat="1", numsuffix=".")
            number.addElement(
                ListLevelProperties(spacebefore=f"{0.6 * (level - 1):.1f}cm", minlabelwidth="0.6cm")
            )
            numbers.addElement(number)
        styles.addElement(bullets)
        styles.addElement(numbers)
        self.bullets, self.numbers = bullets, numbers

        automatic = doc.automaticstyles
        self.bold = Style(name="T_bold", family="text")
        self.bold.addElement(TextProperties(fontweight="bold"))
        self.italic = Style(name="T_italic", family="text")
        self.italic.addElement(TextProperties(fontstyle="italic"))
        self.bold_italic = Style(name="T_bold_italic", family="text")
        self.bold_italic.addElement(TextProperties(fontweight="bold", fontstyle="italic"))
        self.mono = Style(name="T_code", family="text")
        self.mono.addElement(TextProperties(fontfamily="'Liberation Mono', monospace"))
        for style in (self.bold, self.italic, self.bold_italic, self.mono):
            automatic.addElement(style)
        self.right = Style(name="P_number", family="paragraph", parentstylename="Table_20_Contents")
        self.right.addElement(ParagraphProperties(textalign="end"))
        self.right_bold = Style(
            name="P_number_total", family="paragraph", parentstylename="Table_20_Heading"
        )
        self.right_bold.addElement(ParagraphProperties(textalign="end"))
        self.first_page_title = Style(
            name="P_cover_title",
            family="paragraph",
            parentstylename="Title",
            masterpagename="First_20_Page",
        )
        self.page_break = Style(name="P_page_break", family="paragraph", parentstylename="Standard")
        self.page_break.addElement(ParagraphProperties(breakafter="page"))
        self.table_style = Style(name="Tab_plain", family="table")
        self.table_style.addElement(
            TableProperties(
                width=f"{_CM_TEXT_WIDTH}cm",
                align="margins",
                margintop="0.1cm",
                marginbottom="0.3cm",
            )
        )
        self.cell = Style(name="Tab_cell", family="table-cell")
        self.cell.addElement(TableCellProperties(border="0.5pt solid #8a8a8a", padding="0.08cm"))
        self.header_cell = Style(name="Tab_head", family="table-cell")
        self.header_cell.addElement(
            TableCellProperties(
                border="0.5pt solid #8a8a8a", padding="0.08cm", backgroundcolor="#e8edf3"
            )
        )
        self.toc_section = Style(name="Sect_toc", family="section")
        for style in (
            self.right,
            self.right_bold,
            self.first_page_title,
            self.page_break,
            self.table_style,
            self.cell,
            self.header_cell,
            self.toc_section,
        ):
            automatic.addElement(style)

        # Pages: A4; the cover has no footer, the other pages show the plan, version,
        # date, short hash and page number.
        layouts = []
        for name, with_footer in (("pm_cover", False), ("pm_standard", True)):
            layout = PageLayout(name=name)
            layout.addElement(
                PageLayoutProperties(
                    pagewidth="21cm",
                    pageheight="29.7cm",
                    printorientation="portrait",
                    margintop="2cm",
                    marginbottom="1.5cm",
                    marginleft="2cm",
                    marginright="2cm",
                )
            )
            if with_footer:
                footer_style = FooterStyle()
                footer_style.addElement(
                    HeaderFooterProperties(minheight="0.6cm", margintop="0.4cm")
                )
                layout.addElement(footer_style)
            automatic.addElement(layout)
            layouts.append(layout)
        standard = MasterPage(name="Standard", pagelayoutname=layouts[1])
        footer = Footer()
        line = P(stylename=self.footer_style)
        teletype.addTextToElement(line, clean(self.outline.footer) + " · page ")
        line.addElement(PageNumber(selectpage="current", numformat="1", text="1"))
        line.addText(" / ")
        line.addElement(PageCount(text="1"))
        footer.addElement(line)
        standard.addElement(footer)
        first = MasterPage(
            name="First_20_Page",
            displayname="First Page",
            pagelayoutname=layouts[0],
            nextstylename="Standard",
        )
        doc.masterstyles.addElement(standard)
        doc.masterstyles.addElement(first)

    def _metadata(self) -> None:
        doc = self.doc
        document = self.document
        stamp = document_datetime(document.date).strftime("%Y-%m-%dT%H:%M:%S")
        doc.meta.addElement(dc.Title(text=clean(self.outline.title)))
        doc.meta.addElement(dc.Subject(text=clean(self.outline.subject)))
        doc.meta.addElement(dc.Description(text=f"SHA-256 {document.sha256}"))
        doc.meta.addElement(dc.Language(text="fr-FR"))
        doc.meta.addElement(dc.Creator(text=clean(self.outline.author)))
        doc.meta.addElement(meta.InitialCreator(text=clean(self.outline.author)))
        doc.meta.addElement(meta.CreationDate(text=stamp))
        doc.meta.addElement(dc.Date(text=stamp))
        for keyword in self.outline.keywords:
            if keyword:
                doc.meta.addElement(meta.Keyword(text=clean(keyword)))
        for name, value in (
            ("Version", str(document.number)),
            ("Statut", self.outline.status_label),
            ("SHA-256", document.sha256),
        ):
            doc.meta.addElement(meta.UserDefined(name=name, valuetype="string", text=clean(value)))

    # ------------------------------------------------------------------ content

    def _fill(self, element: Any, runs: list[Run]) -> None:
        for run in runs:
            text = clean(run.text)
            if not text:
                continue
            style = None
            if run.code:
                style = self.mono
            elif run.bold and run.italic:
                style = self.bold_italic
            elif run.bold:
                style = self.bold
            elif run.italic:
                style = self.italic
            if style is None:
                teletype.addTextToElement(element, text)
            else:
                span = Span(stylename=style)
                teletype.addTextToElement(span, text)
                element.addElement(span)

    def _paragraph(self, block: Paragraph, first: bool = False) -> P:
        styles = {
            "body": self.body,
            "title": self.first_page_title if first else self.title,
            "subtitle": self.subtitle,
            "cover": self.cover,
            "note": self.note,
            "quote": self.quote,
            "code": self.code,
        }
        paragraph = P(stylename=styles.get(block.style, self.body))
        self._fill(paragraph, block.runs)
        return paragraph

    def _heading(self, block: Heading) -> H:
        level = min(block.level, max(self.headings))
        heading = H(outlinelevel=block.level, stylename=self.headings[level])
        mark = f"__RefHeading___Toc{block.anchor}"
        heading.addElement(BookmarkStart(name=mark))
        teletype.addTextToElement(heading, clean(block.text))
        heading.addElement(BookmarkEnd(name=mark))
        return heading

    def _list(self, block: ListBlock, depth: int = 1) -> List:
        element = List(stylename=self.numbers if block.ordered else self.bullets)
        for position, item in enumerate(block.items):
            list_item = ListItem()
            if position == 0 and block.ordered and block.start != 1:
                list_item.setAttribute("startvalue", str(block.start))
            for child in item:
                if isinstance(child, ListBlock):
                    list_item.addElement(self._list(child, depth + 1))
                elif isinstance(child, Paragraph):
                    if child.style == "body":
                        paragraph = P(stylename=self.list_paragraph)
                        self._fill(paragraph, child.runs)
                    else:
                        paragraph = self._paragraph(child)
                    list_item.addElement(paragraph)
                elif isinstance(child, Table):
                    list_item.addElement(self._table(child))
            if not item:
                list_item.addElement(P(stylename=self.list_paragraph))
            element.addElement(list_item)
        return element

    def _cell(self, text: str, header: bool, numeric: bool, total: bool = False) -> TableCell:
        cell = TableCell(stylename=self.header_cell if header else self.cell, valuetype="string")
        if numeric:
            style = self.right_bold if (header or total) else self.right
        else:
            style = self.table_heading if (header or total) else self.table_contents
        paragraph = P(stylename=style)
        teletype.addTextToElement(paragraph, clean(text))
        cell.addElement(paragraph)
        return cell

    def _columns(self, block: Table) -> list[Style]:
        """Column widths: wider for text, narrower for amounts and counts."""
        weights = [
            1 if column in block.numeric else (3 if column == 0 else 2)
            for column in range(len(block.header))
        ]
        styles = []
        for weight in weights:
            share = round(_CM_TEXT_WIDTH * weight / sum(weights), 2)
            style = self.column_styles.get(share)
            if style is None:
                style = Style(name=f"Col_{len(self.column_styles) + 1}", family="table-column")
                style.addElement(
                    TableColumnProperties(
                        columnwidth=f"{share}cm", relcolumnwidth=f"{int(share * 100)}*"
                    )
                )
                self.doc.automaticstyles.addElement(style)
                self.column_styles[share] = style
            styles.append(style)
        return styles

    def _table(self, block: Table) -> OdfTable:
        self.tables += 1
        width = len(block.header)
        table = OdfTable(name=f"Tableau{self.tables}", stylename=self.table_style)
        for style in self._columns(block):
            table.addElement(TableColumn(stylename=style))
        head = TableHeaderRows()
        row = TableRow()
        for column, text in enumerate(block.header):
            row.addElement(self._cell(text, True, column in block.numeric))
        head.addElement(row)
        table.addElement(head)
        for values in block.rows:
            row = TableRow()
            for column in range(width):
                text = values[column] if column < len(values) else ""
                row.addElement(self._cell(text, False, column in block.numeric))
            table.addElement(row)
        if block.footer:
            row = TableRow()
            for column, text in enumerate(block.footer):
                row.addElement(self._cell(text, False, column in block.numeric, total=True))
            table.addElement(row)
        return table

    def _contents(self, block: Contents) -> TableOfContent:
        toc = TableOfContent(name="Sommaire", protected="true", stylename=self.toc_section)
        source = TableOfContentSource(outlinelevel=TOC_LEVELS, useoutlinelevel="true")
        template = IndexTitleTemplate(stylename=self.contents_heading)
        template.addText(block.title)
        source.addElement(template)
        for level in range(1, TOC_LEVELS + 1):
            entry = TableOfContentEntryTemplate(outlinelevel=level, stylename=self.contents[level])
            entry.addElement(IndexEntryLinkStart(stylename=self.index_link))
            entry.addElement(IndexEntryText())
            entry.addElement(IndexEntryTabStop(type="right", leaderchar="."))
            entry.addElement(IndexEntryPageNumber())
            entry.addElement(IndexEntryLinkEnd())
            source.addElement(entry)
        toc.addElement(source)
        body = IndexBody()
        title = IndexTitle(name="Sommaire_Head", stylename=self.toc_section)
        heading = P(stylename=self.contents_heading)
        heading.addText(block.title)
        title.addElement(heading)
        body.addElement(title)
        # The entries are written out so that the table shows before any update; their
        # page numbers come when LibreOffice or Word updates the index.
        for entry in block.entries:
            paragraph = P(stylename=self.contents[entry.level])
            link = A(
                type="simple",
                href=f"#__RefHeading___Toc{entry.anchor}",
                stylename=self.index_link,
                visitedstylename=self.index_link,
            )
            teletype.addTextToElement(link, clean(entry.text))
            paragraph.addElement(link)
            body.addElement(paragraph)
        toc.addElement(body)
        return toc

    def write(self) -> bytes:
        text = self.doc.text
        first = True
        for block in self.outline.blocks:
            if isinstance(block, Heading):
                element = self._heading(block)
            elif isinstance(block, Paragraph):
                element = self._paragraph(block, first=first)
            elif isinstance(block, ListBlock):
                element = self._list(block)
            elif isinstance(block, Table):
                element = self._table(block)
            elif isinstance(block, Contents):
                element = self._contents(block)
            else:  # pragma: no cover - every block is above
                continue
            first = False
            text.addElement(element)
        output = io.BytesIO()
        with _NAMESPACES_LOCK:
            Element.namespaces.clear()
            Element.namespaces.update(_NAMESPACES)
            self.doc.write(output)
        return fixed_zip(output.getvalue(), self.document.date)


# odfpy declares in every file the namespaces any element of the process has used so far
# (one dictionary shared by all its elements), in the order they were first used. A file
# starts from the same declarations every time, so that the same version gives the same
# bytes whatever was written or read before it.
_NAMESPACES = {
    uri: prefix
    for prefix, uri in (
        ("office", ns.OFFICENS),
        ("text", ns.TEXTNS),
        ("meta", ns.METANS),
        ("style", ns.STYLENS),
        ("fo", ns.FONS),
        ("table", ns.TABLENS),
        ("dc", ns.DCNS),
        ("xlink", ns.XLINKNS),
        ("manifest", ns.MANIFESTNS),
        ("chart", ns.CHARTNS),
        ("draw", ns.DRAWNS),
        ("presentation", ns.PRESENTATIONNS),
    )
}
_NAMESPACES_LOCK = threading.Lock()


def render_odt(document: Document) -> bytes:
    """The whole plan document as ODT."""
    result = outline(document)
    with force_locale("fr"):
        return _OdtWriter(result, document).write()
