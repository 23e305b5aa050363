"""The theme's indentation is dropped from every page; whitespace that is content stays."""

from __future__ import annotations

import re

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
