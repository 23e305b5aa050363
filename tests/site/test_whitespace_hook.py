"""The theme's indentation is dropped from every page; whitespace that is content stays; what
the theme writes on every page (menu, table of contents, icons) is written lean."""

from __future__ import annotations

import json
import re
from pathlib import Path

import material

from juesuan.site.whitespace_hook import collapse


def test_indentation_goes_and_preformatted_text_stays():
    html = (
        '<nav>\n      <a href="../">\n        <span>首页</span>\n      </a>\n\n    </nav>\n'
        "<pre><code>收入总计\n    本年收入合计 610.56\n</code></pre>\n  <p>一致 pass</p>\n"
        "<textarea>\n  两行\n</textarea>"
    )
    assert collapse(html) == (
        '<nav>\n<a href="../">\n<span>首页</span>\n</a>\n</nav>\n'
        "<pre><code>收入总计\n    本年收入合计 610.56\n</code></pre>\n<p>一致 pass</p>\n"
        "<textarea>\n  两行\n</textarea>"
    )


def test_built_pages_carry_no_indentation(built):
    paths, result = built
    d = result.disclosures[0]
    for page in ["index.html", f"disclosures/{d.name}/index.html", "about/index.html"]:
        html = (paths.site / page).read_text(encoding="utf-8")
        outside_pre = re.sub(r"<pre\b.*?</pre>", "", html, flags=re.DOTALL)
        assert not re.search(r"\n[ \t]", outside_pre), page
        assert "md-search__input" in html and "</html>" in html


def test_the_theme_settings_are_written_in_chinese_not_escapes():
    """Material's own output for language zh (clipboard.copied = 已复制), with a value that
    holds </script> to show it cannot end the script."""
    from juesuan.site.whitespace_hook import unescaped_config

    html = (
        '<script id="__config" type="application/json">{"base": "../..", "translations": '
        '{"clipboard.copied": "\\u5df2\\u590d\\u5236", "x": "\\u003c/script\\u003e \\u0026"}}'
        "</script>"
    )
    out = unescaped_config(html)
    assert '"clipboard.copied": "已复制"' in out
    assert "</script>" not in out.removesuffix("</script>")
    body = out.removeprefix('<script id="__config" type="application/json">')
    assert json.loads(body.removesuffix("</script>")) == {
        "base": "../..",
        "translations": {"clipboard.copied": "已复制", "x": "</script> &"},
    }
    assert len(out.encode()) < len(html.encode())


def test_built_pages_carry_the_settings_unescaped(built):
    paths, result = built
    html = (paths.site / "disclosures" / result.disclosures[0].name / "index.html").read_text(
        encoding="utf-8"
    )
    settings = re.search(r'<script id="__config" type="application/json">(.*?)</script>', html)
    assert "\\u" not in settings.group(1)
    assert json.loads(settings.group(1))["translations"]["clipboard.copied"] == "已复制"


def test_the_table_of_contents_names_each_section_without_a_wrapper(built):
    """toc-item.html override: each entry is the link and its title, no ellipsis span."""
    paths, result = built
    d = next(x for x in result.disclosures if x.source.path.name.startswith("000_"))
    html = (paths.site / "disclosures" / d.name / "index.html").read_text(encoding="utf-8")
    toc = re.search(r'<nav class="md-nav md-nav--secondary".*?</nav>', html, re.S).group(0)
    links = re.findall(r'<a href="#([^"]+)" class="md-nav__link">\n([^<\n]+)\n</a>', toc)
    assert ("key-figures", "主要数字 / Key figures") in links
    assert ("checks", "勾稽检查 / Consistency checks") in links
    assert "md-ellipsis" not in toc


def test_the_menu_names_each_page_without_a_wrapper(built):
    """nav-item.html override: the menu (mkdocs.yml nav) on every page, no ellipsis span."""
    paths, _ = built
    html = (paths.site / "about" / "index.html").read_text(encoding="utf-8")
    menu = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>', html, re.S).group(0)
    assert re.search(r'<a href="\.\./compare/" class="md-nav__link">\n部门比较\n</a>', menu)
    assert "md-ellipsis" not in menu


THEME_ICONS = Path(material.__file__).parent / "templates" / ".icons" / "material"


def test_the_theme_icons_are_drawn_from_one_file(built):
    """mkdocs.yml theme.icon: a page's icons point into assets/images/icons.svg, whose
    symbols are the theme's own icons (the same paths), instead of drawing them out."""
    paths, _ = built
    sprite = (paths.site / "assets" / "images" / "icons.svg").read_text(encoding="utf-8")
    symbols = dict(
        re.findall(r'<symbol id="([a-z-]+)" viewBox="0 0 24 24"><path d="([^"]+)"/>', sprite)
    )
    for name, path in symbols.items():
        assert f'd="{path}"' in (THEME_ICONS / f"{name}.svg").read_text(encoding="utf-8")
    html = (paths.site / "about" / "index.html").read_text(encoding="utf-8")
    used = re.findall(
        r'<svg viewBox="0 0 24 24"><use href="\.\./assets/images/icons\.svg#([a-z-]+)"/></svg>',
        html,
    )
    assert sorted(set(used)) == sorted(symbols)  # logo, menu, search, back, clear, to top
    assert "<path" not in html
