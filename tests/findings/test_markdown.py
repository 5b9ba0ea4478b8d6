from django.utils.safestring import SafeString

from findings.markdown import render_markdown


def test_render_markdown_renders_emphasis_and_lists():
    html = render_markdown("Cities are **proactive**:\n\n- convene\n- connect")

    assert html == (
        "<p>Cities are <strong>proactive</strong>:</p>\n"
        "<ul>\n<li>convene</li>\n<li>connect</li>\n</ul>"
    )
    assert isinstance(html, SafeString)


def test_render_markdown_strips_script_tags_and_their_content():
    html = render_markdown("Before <script>alert('x')</script> after")

    assert html == "<p>Before  after</p>"


def test_render_markdown_drops_javascript_links():
    html = render_markdown("[click](javascript:alert(1))")

    assert html == '<p><a rel="noopener noreferrer">click</a></p>'


def test_render_markdown_keeps_https_links_with_noopener():
    html = render_markdown("[OECD](https://www.oecd.org/)")

    assert html == '<p><a href="https://www.oecd.org/" rel="noopener noreferrer">OECD</a></p>'


def test_render_markdown_removes_event_handler_attributes():
    html = render_markdown('<img src="x" onerror="alert(1)"> text')

    assert html == "<p> text</p>"


def test_render_markdown_turns_top_heading_into_h2_and_keeps_tables():
    html = render_markdown("# Results\n\n| City | Platform |\n|---|---|\n| Turin | yes |")

    assert html.startswith("<h2>Results</h2>\n<table>\n<thead>\n<tr>\n<th>City</th>")
    assert "<td>Turin</td>" in html


def test_render_markdown_of_empty_text_is_empty():
    assert render_markdown("") == ""
