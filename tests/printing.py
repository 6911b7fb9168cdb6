"""Reading a printed form in tests: its text as a reader sees it, and its grid's cells."""

import html
import re


def text(response):
    """The page as a reader sees it: tags gone, entities decoded, spaces collapsed."""
    plain = html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode()))
    return re.sub(r"\s+", " ", plain)


def cells(response):
    """The grid as {label: value} (a form printed in two copies prints the same grid)."""
    return {c.label: c.value for row in response.context["rows"] for c in row.cells}


def ticked(response):
    """The labels of the ticked boxes, in page order."""
    return re.findall(
        r'pf-tick pf-ticked"><span class="pf-box"></span>([^<]+)<', response.content.decode()
    )
