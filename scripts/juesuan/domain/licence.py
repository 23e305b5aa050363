"""The licence of what the portal publishes and how to cite it: stated once, used everywhere.

The package descriptor's `licenses`, the DCAT catalogue, the README of a
package zip and of a page's chart zip, and the disclosure page all take their
licence and citation text from here, so they cannot say different things.

The compilation (the extracted tables, checks and pages) is CC BY 4.0; the
figures themselves are public government information (政府信息公开) and are
credited to the department that issued them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Licence:
    name: str  # SPDX id, as Frictionless `licenses[].name` wants it
    title: str  # what it covers, English (the descriptor's `title`)
    title_zh: str
    url: str

    def descriptor(self) -> dict[str, str]:
        """The Frictionless `licenses` entry."""
        return {"name": self.name, "title": self.title, "path": self.url}

    def markdown(self) -> str:
        """The licence as one Markdown line's text: zh, en and the URL."""
        return f"{self.title_zh} {self.title} — [{self.name}]({self.url})"


LICENCE = Licence(
    name="CC-BY-4.0",
    title=(
        "Creative Commons Attribution 4.0 (the compilation); figures: public government "
        "information, credit the issuing department"
    ),
    title_zh=(
        "整理的数据以 CC BY 4.0 发布；数字本身是公开的政府信息（政府信息公开），"
        "使用时请注明发布部门。"
    ),
    url="https://creativecommons.org/licenses/by/4.0/",
)

# The terms of a source file when its sidecar states none: the department published it
# under the 政府信息公开条例.
SOURCE_LICENCE = (
    "政府信息公开（《中华人民共和国政府信息公开条例》）; "
    "reuse with credit to the issuing department"
)

PORTAL_NAME_ZH = "juesuan 开放数据门户"


def citation(department: str | None, title: str) -> str:
    """How to cite a disclosure's data: the issuing department first."""
    return f"{department or '发布部门'}，《{title}》，经 {PORTAL_NAME_ZH}整理。"
